package io.livetasks.push.signalr;

import io.livetasks.push.ConnectionLimits;
import io.livetasks.push.signalr.auth.InvalidTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes a WebSocket upgrade request on the hub URL: checks it as plain HTTP first (so refusals are real
 * 401/404/409 responses the client can report), binds the transport, then upgrades to
 * {@link SignalRWebSocketEndpoint}. Without {@code ?id=} a new connection is made on the spot, which is
 * what a client that skips negotiation ({@code skipNegotiation: true}) expects.
 */
final class WebSocketUpgrade {

    private static final Logger LOG = Logger.getLogger(WebSocketUpgrade.class.getName());

    private WebSocketUpgrade() {
    }

    static void handle(HttpServletRequest request, HttpServletResponse response, HubDefinition hub,
                       SignalRConnections connections, ConnectionLimits limits, RequestAuthenticator auth)
            throws IOException, InvalidTokenException {
        String id = QueryParameters.get(request, "id");
        SignalRConnection connection;
        if (id == null || id.isEmpty()) {
            RequestAuthenticator.Caller caller = auth.authenticate(request, hub);
            Optional<ConnectionLimits.Permit> permit = limits.admit(caller.user());
            if (permit.isEmpty()) {
                HttpErrors.tooManyConnections(response);
                return;
            }
            connection = connections.create(hub, caller.user(), Negotiation.MAX_VERSION);
            connection.onClose(permit.get()::release);
            connection.expireBy(caller.expires());
        } else {
            Optional<SignalRConnection> found = connections.find(id).filter(c -> c.definition().name().equals(hub.name()));
            if (found.isEmpty()) {
                HttpErrors.notFound(response, "No connection with that ID");
                return;
            }
            connection = found.get();
            auth.authorize(request, connection);
        }
        WebSocketTransport transport = new WebSocketTransport(connections.closer());
        if (!connection.attach(transport)) {
            HttpErrors.conflict(response, "The connection is already in use by the " + connection.transport().type() + " transport");
            return;
        }
        ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        try {
            container.upgradeHttpToWebSocket(request, response,
                    SignalRWebSocketEndpoint.config("/hubs/" + hub.name(), connection, transport), Map.of());
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(Level.WARNING, "WebSocket upgrade failed for " + connection, e);
            connection.close("WebSocket upgrade failed");
            HttpErrors.send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error", "WebSocket upgrade failed");
        }
    }
}
