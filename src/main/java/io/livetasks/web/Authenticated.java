package io.livetasks.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every API request needs a caller: {@code 401} as problem details otherwise. The container has already
 * authenticated whatever the request carries (a Basic or bearer Authorization header, or a signed-in
 * browser's single sign-on cookie: {@code useAuthenticationDataForUnprotectedResource} in server.xml);
 * this filter only refuses requests that carried nothing valid. The API is deliberately not
 * container-protected, so that a script gets a 401 it can act on instead of a redirect to a login page.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authenticated implements ContainerRequestFilter {

    /**
     * What a client is told to send: Basic credentials of the embedded default's users, or with
     * {@code AUTH_MODE=oidc} (server variable {@code auth.mode}, which MicroProfile Config sees too) a bearer
     * token from the provider.
     */
    static final String CHALLENGE = challenge();

    private static String challenge() {
        String mode = Settings.optional("auth.mode", String.class).orElse("embedded");
        return "oidc".equalsIgnoreCase(mode.strip())
                ? "Bearer realm=\"livetasks\""
                : "Basic realm=\"livetasks\", charset=\"UTF-8\"";
    }

    /** The detail of the 401 problem. */
    static final String SIGN_IN_FIRST =
            "Sign in first: send credentials (HTTP Basic or a bearer token) or use a signed-in browser session";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() == null) {
            Response.ResponseBuilder refusal = Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, SIGN_IN_FIRST)
                    .toResponse());
            // A Basic challenge makes a browser stop the page's request and ask for a password in a dialog of
            // its own (headless: the request just hangs). A page's own requests, marked with the header every
            // script-driven request of ours carries (the SignalR client's too), get the 401 without it: the
            // page then sends the user to its login form.
            if (request.getHeaderString(CrossSiteRequests.HEADER) == null) {
                refusal.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            }
            request.abortWith(refusal.build());
        }
    }
}
