package io.livetasks.task.api;

import io.livetasks.task.Member;
import io.livetasks.task.MemberService;
import io.livetasks.task.NewMember;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
 * {@code /api/lists/{listId}/members}: who may see a list. Every member reads the members; only the owner
 * shares the list (as {@code reader} or {@code writer}) and removes members.
 */
@Path("lists/{listId}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberService members;
    private final WriteResponses writes;

    @Inject
    public MemberResource(MemberService members, WriteResponses writes) {
        this.members = members;
        this.writes = writes;
    }

    /** For the CDI proxy only. */
    protected MemberResource() {
        this(null, null);
    }

    @GET
    public List<Member> all(@PathParam("listId") long listId, @Context SecurityContext caller) {
        return members.members(listId, Callers.name(caller));
    }

    /** Shares the list with a user, or changes their role: {@code {"user": "bob", "role": "reader"}}. */
    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Parameter(name = OpenApiWrites.IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = OpenApiWrites.IDEMPOTENCY_KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "200", description = "The membership as it is now",
            headers = @Header(name = OpenApiWrites.CHANGE_VERSION, description = OpenApiWrites.CHANGE_VERSION_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Member.class)))
    public Response share(@PathParam("listId") long listId,
                          @NotNull(message = "a JSON body is required") @Valid NewMember body,
                          @Context SecurityContext caller, @Context HttpServletRequest request) {
        String owner = Callers.name(caller);
        return writes.write(request, (Member member) -> writes.ok(member, null),
                recording -> members.share(listId, owner, body, recording));
    }

    @DELETE
    @Idempotent
    @Path("{user}")
    @Parameter(name = OpenApiWrites.IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
            description = OpenApiWrites.IDEMPOTENCY_KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    @APIResponse(responseCode = "204", description = "Removed",
            headers = @Header(name = OpenApiWrites.CHANGE_VERSION, description = OpenApiWrites.CHANGE_VERSION_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")))
    public Response remove(@PathParam("listId") long listId, @PathParam("user") String user, @Context SecurityContext caller,
                           @Context HttpServletRequest request) {
        String owner = Callers.name(caller);
        return writes.write(request, (Boolean removed) -> WriteResponses.noContent(),
                recording -> members.unshare(listId, owner, user, recording));
    }
}
