package io.livetasks.push.signalr;

import io.livetasks.push.signalr.auth.AccessTokens;
import io.livetasks.push.signalr.auth.InvalidTokenException;
import io.livetasks.push.signalr.auth.TokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * Finds out who makes a hub request: the user of its access token, else the user the server authenticated
 * from the request's own credentials (a signed-in browser's cookie, HTTP Basic); anonymous requests are
 * refused. The token comes as {@code Authorization: Bearer} (HTTP requests, and WebSockets from Node) or
 * as the {@code access_token} query parameter (browser WebSockets and EventSource, which cannot set
 * headers); a presented token must be genuine, current and for this hub, whatever other credentials the
 * request carries.
 *
 * <p>A connection opened with a token lasts only as long as the token: its expiry becomes the connection's
 * (see {@link SignalRConnection#expireBy}), and the housekeeping closes it then. Cookie and Basic
 * credentials are checked by the container on every request and set no such limit.
 */
final class RequestAuthenticator {

    /** The authenticated user of a request, and when its access token expires (null: no token, no limit). */
    record Caller(String user, Instant expires) {

        Caller {
            Objects.requireNonNull(user, "user");
        }
    }

    private final AccessTokens tokens;

    RequestAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    Caller authenticate(HttpServletRequest request, HubDefinition hub) throws InvalidTokenException {
        String token = token(request);
        if (token != null) {
            TokenClaims claims = tokens.verify(token, request.getContextPath() + "/hubs/" + hub.name());
            return new Caller(claims.subject(), claims.expires());
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            throw new InvalidTokenException("Sign in first: send an access token from /api/negotiate, or credentials");
        }
        return new Caller(principal.getName(), null);
    }

    /**
     * As {@link #authenticate}, for a request of an existing connection: the caller must be the
     * connection's user, and a token's expiry bounds the connection.
     */
    void authorize(HttpServletRequest request, SignalRConnection connection) throws InvalidTokenException {
        Caller caller = authenticate(request, connection.definition());
        if (!caller.user().equals(connection.user())) {
            throw new InvalidTokenException("The credentials belong to another user than this connection");
        }
        connection.expireBy(caller.expires());
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String parameter = QueryParameters.get(request, "access_token");
        return parameter == null || parameter.isBlank() ? null : parameter;
    }
}
