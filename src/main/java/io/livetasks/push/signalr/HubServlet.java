package io.livetasks.push.signalr;

import io.livetasks.push.ConnectionLimits;
import io.livetasks.push.signalr.auth.AccessTokens;
import io.livetasks.push.signalr.auth.InvalidTokenException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The SignalR endpoints of every registered hub: {@code POST /hubs/{hub}/negotiate}, and on
 * {@code /hubs/{hub}}: WebSocket upgrade, SSE ({@code GET}, {@code Accept: text/event-stream}), long
 * polling ({@code GET}), sends ({@code POST}) and long-polling close ({@code DELETE}). Transport requests
 * name their connection with {@code ?id=<connectionToken>}: missing 400, unknown 404, taken by another
 * transport 409; anonymous requests and bad access tokens 401 (see {@link RequestAuthenticator}). The
 * container creates servlets, hence field injection.
 */
@WebServlet(name = "signalr-hubs", urlPatterns = "/hubs/*", asyncSupported = true)
public class HubServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int READ_CHUNK = 4096;

    @Inject
    transient SignalRHubs hubs;
    @Inject
    transient SignalRConnections connections;
    @Inject
    transient AccessTokens tokens;
    @Inject
    transient ConnectionLimits limits;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] segments = path.split("/", -1);
        Optional<HubDefinition> hub = segments.length >= 2 ? hubs.find(segments[1]) : Optional.empty();
        boolean negotiate = segments.length == 3 && "negotiate".equals(segments[2]);
        if (hub.isEmpty() || !(segments.length == 2 || negotiate)) {
            HttpErrors.notFound(response, "No hub at " + request.getRequestURI());
            return;
        }
        String method = request.getMethod();
        RequestAuthenticator auth = new RequestAuthenticator(tokens);
        try {
            if (negotiate && "POST".equals(method)) {
                negotiate(request, response, hub.get(), auth);
            } else if (!negotiate && "GET".equals(method)) {
                get(request, response, hub.get(), auth);
            } else if (!negotiate && ("POST".equals(method) || "DELETE".equals(method))) {
                Optional<SignalRConnection> connection = connection(request, response, hub.get());
                if (connection.isPresent()) {
                    auth.authorize(request, connection.get());
                    if ("POST".equals(method)) {
                        send(request, response, connection.get());
                    } else {
                        delete(response, connection.get());
                    }
                }
            } else {
                response.setHeader("Allow", negotiate ? "POST" : "GET, POST, DELETE");
                HttpErrors.send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed", method + " is not supported here");
            }
        } catch (InvalidTokenException e) {
            HttpErrors.unauthorized(response, e.getMessage());
        }
    }

    private void negotiate(HttpServletRequest request, HttpServletResponse response, HubDefinition hub, RequestAuthenticator auth)
            throws IOException, InvalidTokenException {
        String requested = QueryParameters.get(request, "negotiateVersion");
        int version;
        try {
            version = requested == null || requested.isEmpty() ? 0 : Integer.parseInt(requested);
        } catch (NumberFormatException e) {
            HttpErrors.badRequest(response, "negotiateVersion must be a whole number");
            return;
        }
        if (version < 0) {
            HttpErrors.badRequest(response, "negotiateVersion must not be negative");
            return;
        }
        RequestAuthenticator.Caller caller = auth.authenticate(request, hub);
        Optional<ConnectionLimits.Permit> permit = limits.admit(caller.user());
        if (permit.isEmpty()) {
            HttpErrors.tooManyConnections(response);
            return;
        }
        int agreed = Negotiation.version(version);
        SignalRConnection connection = connections.create(hub, caller.user(), agreed);
        connection.onClose(permit.get()::release);
        connection.expireBy(caller.expires());
        byte[] body = Negotiation.response(connection, agreed).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, HubDefinition hub, RequestAuthenticator auth)
            throws IOException, InvalidTokenException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            WebSocketUpgrade.handle(request, response, hub, connections, limits, auth);
            return;
        }
        Optional<SignalRConnection> found = connection(request, response, hub);
        if (found.isEmpty()) {
            return;
        }
        SignalRConnection connection = found.get();
        Transport bound = connection.transport();
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            auth.authorize(request, connection);
            SseTransport sse = new SseTransport(connection);
            if (connection.attach(sse)) {
                sse.open(request, response);
            } else {
                HttpErrors.conflict(response, "The connection is already in use by the " + connection.transport().type() + " transport");
            }
        } else if (bound == null) {
            auth.authorize(request, connection);
            LongPollingTransport polling = new LongPollingTransport(connection, connections.settings().pollTimeout(), Clock.systemUTC());
            if (connection.attach(polling)) {
                // The first poll only binds the transport and returns at once, as the client expects.
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentLength(0);
            } else {
                HttpErrors.conflict(response, "The connection is already in use by the " + connection.transport().type() + " transport");
            }
        } else if (bound instanceof LongPollingTransport polling) {
            auth.authorize(request, connection);
            polling.poll(request, response);
        } else {
            HttpErrors.conflict(response, "The connection is already in use by the " + bound.type() + " transport");
        }
    }

    private void send(HttpServletRequest request, HttpServletResponse response, SignalRConnection connection) throws IOException {
        Transport bound = connection.transport();
        if (bound == null || bound.type() == Transport.Type.WebSockets) {
            HttpErrors.conflict(response, "Sends by POST need a Server-Sent Events or Long Polling connection");
            return;
        }
        if (!connection.beginSend()) {
            HttpErrors.conflict(response, "Another send on this connection is in progress");
            return;
        }
        try {
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            Reader body = request.getReader();
            char[] chunk = new char[READ_CHUNK];
            int read;
            while (!connection.isClosed() && (read = body.read(chunk)) >= 0) {
                connection.receive(CharBuffer.wrap(chunk, 0, read));
            }
        } finally {
            connection.endSend();
        }
        String failure = connection.protocolFailure();
        if (failure != null) {
            HttpErrors.badRequest(response, failure);
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
        }
    }

    private static void delete(HttpServletResponse response, SignalRConnection connection) throws IOException {
        if (!(connection.transport() instanceof LongPollingTransport)) {
            HttpErrors.badRequest(response, "DELETE only ends Long Polling connections");
            return;
        }
        connection.close("closed by client (DELETE)");
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setContentLength(0);
    }

    /** The connection named by {@code ?id=}, or empty after answering 400 or 404. */
    private Optional<SignalRConnection> connection(HttpServletRequest request, HttpServletResponse response, HubDefinition hub)
            throws IOException {
        String id = QueryParameters.get(request, "id");
        if (id == null || id.isEmpty()) {
            HttpErrors.badRequest(response, "Connection ID required");
            return Optional.empty();
        }
        Optional<SignalRConnection> connection = connections.find(id).filter(c -> c.definition().name().equals(hub.name()));
        if (connection.isEmpty()) {
            HttpErrors.notFound(response, "No connection with that ID");
        }
        return connection;
    }
}
