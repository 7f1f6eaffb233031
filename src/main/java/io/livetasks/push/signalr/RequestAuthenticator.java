package io.livetasks.push.signalr;

import io.livetasks.push.signalr.auth.AccessTokens;
import io.livetasks.push.signalr.auth.InvalidTokenException;
import io.livetasks.push.signalr.auth.TokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.Objects;

/**
 * Finds and checks the access token of a hub request: {@code Authorization: Bearer} (HTTP requests, and
 * WebSockets from Node) or the {@code access_token} query parameter (browser WebSockets and
 * EventSource, which cannot set headers).
 *
 * <p>A presented token must always be genuine and for this hub. Its expiry is checked when a connection
 * is negotiated or a transport connects; later requests of an established connection (polls, sends) are
 * authenticated by the secret connection token, so a connection outlives its access token, as with Azure
 * SignalR Service. Without a token the request is anonymous, unless tokens are required.
 */
final class RequestAuthenticator {

    private final AccessTokens tokens;

    RequestAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Who is calling: the user of a valid access token for this hub, or else the user the server already
     * authenticated from the request's own credentials (a signed-in browser's cookie, HTTP Basic).
     * Anonymous requests are refused.
     *
     * @param connecting true for negotiate and a transport's connect request (expiry is checked)
     */
    TokenClaims authenticate(HttpServletRequest request, HubDefinition hub, boolean connecting) throws InvalidTokenException {
        String token = token(request);
        if (token == null) {
            Principal principal = request.getUserPrincipal();
            if (principal == null) {
                throw new InvalidTokenException("Sign in first: send an access token from negotiate, or credentials");
            }
            return new TokenClaims(principal.getName(), request.getRequestURL().toString(), null);
        }
        TokenClaims claims = tokens.verify(token, connecting);
        String expectedPath = request.getContextPath() + "/hubs/" + hub.name();
        if (!expectedPath.equals(path(claims.audience()))) {
            throw new InvalidTokenException("The access token is not for this hub");
        }
        return claims;
    }

    /** As {@link #authenticate}, and the token's user must be the connection's user. */
    void authorize(HttpServletRequest request, SignalRConnection connection, boolean connecting) throws InvalidTokenException {
        TokenClaims claims = authenticate(request, connection.definition(), connecting);
        if (!Objects.equals(claims.subject(), connection.user())) {
            throw new InvalidTokenException("The access token belongs to another user than this connection");
        }
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String parameter = QueryParameters.get(request, "access_token");
        return parameter == null || parameter.isBlank() ? null : parameter;
    }

    private static String path(String url) throws InvalidTokenException {
        try {
            return URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("The access token names no valid hub URL");
        }
    }
}
