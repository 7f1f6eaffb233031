package io.livetasks.task.api;

import io.livetasks.task.ListSnapshot;
import io.livetasks.task.NewList;
import io.livetasks.task.NewTask;
import io.livetasks.task.Task;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/lists}: create and read the caller's lists, add tasks to a list. */
@Path("lists")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ListResource {

    private final TaskService service;
    private final WriteResponses writes;

    @Inject
    public ListResource(TaskService service, WriteResponses writes) {
        this.service = service;
        this.writes = writes;
    }

    /** For the CDI proxy only. */
    protected ListResource() {
        this(null, null);
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Parameter(name = OpenApiWrites.IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = OpenApiWrites.IDEMPOTENCY_KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "201", description = "The new list; Location names it",
            headers = {
                    @Header(name = OpenApiWrites.CHANGE_VERSION, description = OpenApiWrites.CHANGE_VERSION_DESCRIPTION,
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
                    @Header(name = "Location", description = "URL of the created resource",
                            schema = @Schema(type = SchemaType.STRING, format = "uri"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskList.class)))
    public Response create(@NotNull(message = "a JSON body is required") @Valid NewList body, @Context UriInfo uri,
                           @Context SecurityContext caller, @Context HttpServletRequest request) {
        String user = Callers.name(caller);
        return writes.write(request,
                (TaskList list) -> writes.created(uri.getAbsolutePathBuilder().path(Long.toString(list.id())).build(), list, null),
                recording -> service.createList(user, body.name(), recording));
    }

    /** The lists the caller owns or is a member of. */
    @GET
    public List<TaskList> all(@Context SecurityContext caller) {
        return service.lists(Callers.name(caller));
    }

    /** The list, its tasks and the change version they were read at: subscribe with {@code since=version}. */
    @GET
    @Path("{listId}")
    public ListSnapshot one(@PathParam("listId") long listId, @Context SecurityContext caller) {
        return service.snapshot(listId, Callers.name(caller));
    }

    @POST
    @Idempotent
    @Path("{listId}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Parameter(name = OpenApiWrites.IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = OpenApiWrites.IDEMPOTENCY_KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "201", description = "The new task; Location names it, ETag is its rowVersion",
            headers = {
                    @Header(name = OpenApiWrites.CHANGE_VERSION, description = OpenApiWrites.CHANGE_VERSION_DESCRIPTION,
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
                    @Header(name = "ETag", description = OpenApiWrites.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Location", description = "URL of the created resource",
                            schema = @Schema(type = SchemaType.STRING, format = "uri"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Task.class)))
    public Response addTask(@PathParam("listId") long listId,
                            @NotNull(message = "a JSON body is required") @Valid NewTask body, @Context UriInfo uri,
                            @Context SecurityContext caller, @Context HttpServletRequest request) {
        String user = Callers.name(caller);
        return writes.write(request,
                (Task task) -> writes.created(uri.getBaseUriBuilder().path("tasks").path(Long.toString(task.id())).build(),
                        task, WriteResponses.etag(task)),
                recording -> service.addTask(user, listId, body.title(), recording));
    }
}
