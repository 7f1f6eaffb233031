package io.livetasks.task.api;

import io.livetasks.task.Member;
import io.livetasks.task.MemberService;
import io.livetasks.task.NewMember;
import jakarta.enterprise.context.RequestScoped;
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
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/lists/{listId}/members}: who may see a list. Every member reads the members; only the owner
 * shares the list (as {@code reader} or {@code writer}) and removes members.
 */
@Path("lists/{listId}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberService members;

    @Inject
    public MemberResource(MemberService members) {
        this.members = members;
    }

    /** For the CDI proxy only. */
    protected MemberResource() {
        this(null);
    }

    @GET
    public List<Member> all(@PathParam("listId") long listId, @Context SecurityContext caller) {
        return members.members(listId, Callers.name(caller));
    }

    /** Shares the list with a user, or changes their role: {@code {"user": "bob", "role": "reader"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Member share(@PathParam("listId") long listId,
                        @NotNull(message = "a JSON body is required") @Valid NewMember body,
                        @Context SecurityContext caller) {
        return members.share(listId, Callers.name(caller), body);
    }

    @DELETE
    @Path("{user}")
    public void remove(@PathParam("listId") long listId, @PathParam("user") String user, @Context SecurityContext caller) {
        members.unshare(listId, Callers.name(caller), user);
    }
}
