package io.livetasks.task.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/me}: who the caller is signed in as (the browser shows it next to "Sign out"). */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record Me(String user) {
    }

    @GET
    public Me me(@Context SecurityContext caller) {
        return new Me(Callers.name(caller));
    }
}
