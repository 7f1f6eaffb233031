package io.livetasks.task.api;

import io.livetasks.task.ListAccess;
import io.livetasks.task.Presence;
import io.livetasks.task.PresenceStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/lists/{id}/presence}: who is viewing the list right now, on any instance, with the version
 * the answer is at least as new as ({@code asOf}); the same JSON as the {@code presence} event minus its {@code action}. As
 * reading the list: {@code 404} for whoever is not a member.
 */
@Path("lists/{listId}/presence")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    private final ListAccess access;
    private final PresenceStore presence;

    @Inject
    public PresenceResource(ListAccess access, PresenceStore presence) {
        this.access = access;
        this.presence = presence;
    }

    /** For the CDI proxy only. */
    protected PresenceResource() {
        this(null, null);
    }

    @GET
    public Presence viewers(@PathParam("listId") long listId, @Context SecurityContext caller) {
        access.requireMember(listId, Callers.name(caller));
        return presence.viewers(listId);
    }
}
