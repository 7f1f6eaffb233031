package io.livetasks.task.api;

import io.livetasks.task.Task;
import io.livetasks.task.TaskPatch;
import io.livetasks.task.TaskService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/tasks/{taskId}}: edit, complete or delete a task. Both honour {@code If-Match} with the task's
 * row version (its {@code ETag}): when someone changed the task first, nothing is written and the answer is a
 * 412 whose {@code current} member is the task as it is now. Without {@code If-Match} the last writer wins.
 */
@Path("tasks/{taskId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService service;
    private final WriteResponses writes;

    @Inject
    public TaskResource(TaskService service, WriteResponses writes) {
        this.service = service;
        this.writes = writes;
    }

    /** For the CDI proxy only. */
    protected TaskResource() {
        this(null, null);
    }

    @PATCH
    @Idempotent
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Parameter(name = OpenApiWrites.IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = OpenApiWrites.IDEMPOTENCY_KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "200", description = "The task as changed; ETag is its new rowVersion",
            headers = {
                    @Header(name = OpenApiWrites.CHANGE_VERSION, description = OpenApiWrites.CHANGE_VERSION_DESCRIPTION,
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
                    @Header(name = "ETag", description = OpenApiWrites.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Task.class)))
    public Response update(@PathParam("taskId") long taskId,
                           @Parameter(description = OpenApiWrites.IF_MATCH_DESCRIPTION)
                           @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                           @NotNull(message = "a JSON body is required") @Valid TaskPatch patch,
                           @Context SecurityContext caller, @Context HttpServletRequest request) {
        String user = Callers.name(caller);
        var precondition = IfMatch.parse(ifMatch);
        return writes.write(request, (Task task) -> writes.ok(task, WriteResponses.etag(task)),
                recording -> service.updateTask(user, taskId, patch, precondition, recording));
    }

    @DELETE
    @Idempotent
    @Parameter(name = OpenApiWrites.IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = OpenApiWrites.IDEMPOTENCY_KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "204", description = "Deleted",
            headers = @Header(name = OpenApiWrites.CHANGE_VERSION, description = OpenApiWrites.CHANGE_VERSION_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")))
    public Response delete(@PathParam("taskId") long taskId,
                           @Parameter(description = OpenApiWrites.IF_MATCH_DESCRIPTION)
                           @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                           @Context SecurityContext caller, @Context HttpServletRequest request) {
        String user = Callers.name(caller);
        var precondition = IfMatch.parse(ifMatch);
        return writes.write(request, (Long deleted) -> WriteResponses.noContent(),
                recording -> service.deleteTask(user, taskId, precondition, recording));
    }
}
