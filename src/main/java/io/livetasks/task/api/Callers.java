package io.livetasks.task.api;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The signed-in caller of a request (the web layer has already refused requests without one). */
final class Callers {

    private Callers() {
    }

    static String name(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            throw new NotAuthorizedException("Basic realm=\"livetasks\"");
        }
        return principal.getName();
    }
}
