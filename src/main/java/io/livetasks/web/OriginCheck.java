package io.livetasks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses browser requests from foreign origins on the API, the plain streams and every SignalR transport
 * (403 problem details, before the WebSocket handshake or the stream starts): a page of another site must
 * not ride on a signed-in user's cookie (cross-site WebSocket hijacking, reading a stream). Allowed: this
 * server's own origin and {@link AllowedOrigins#KEY}; requests without an {@code Origin} header (no browser
 * cross-site request: curl, backends, the official client in Node) pass.
 */
@WebFilter(urlPatterns = {"/api/*", "/ws/*", "/hubs/*"}, asyncSupported = true)
public class OriginCheck extends HttpFilter {

    private final AllowedOrigins origins = AllowedOrigins.configured();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        // HTTP/2 carries the authority as a pseudo-header, not Host: the server name and port then say it.
        String host = request.getHeader("Host");
        if (host == null) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        if (!origins.allows(origin, host)) {
            ProblemResponses.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "Requests from this origin are not allowed");
            return;
        }
        chain.doFilter(request, response);
    }
}
