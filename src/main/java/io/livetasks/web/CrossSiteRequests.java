package io.livetasks.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Cross-site request forgery protection for writes made with a browser's cookie. A write (POST, PUT,
 * PATCH, DELETE) that carries no Authorization header is cookie-authenticated, and must then:
 * <ul>
 *   <li>carry the header {@value #HEADER}: a page of another site cannot add a custom header to a
 *       cross-site request without a CORS preflight, which this server never grants (OWASP's "custom
 *       request header" defence); the browser client sends it on every write;</li>
 *   <li>come from an allowed origin, which {@link OriginCheck} checked already for every request.</li>
 * </ul>
 * Requests with an Authorization header (scripts with Basic or bearer credentials) are not forgeable by a
 * page and pass. The single sign-on cookie is also {@code SameSite=Lax} (server.xml).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class CrossSiteRequests implements ContainerRequestFilter {

    /** The header a cookie-authenticated write must carry (any non-empty value). */
    public static final String HEADER = "X-Requested-With";

    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        // Foreign origins were refused before (OriginCheck); the header proves this is no cross-site form.
        String marker = request.getHeaderString(HEADER);
        if (marker == null || marker.isBlank()) {
            refuse(request, "A write made with a browser session must carry the " + HEADER + " header");
        }
    }

    private static void refuse(ContainerRequestContext request, String detail) {
        request.abortWith(Problem.of(Response.Status.FORBIDDEN, detail).toResponse());
    }
}
