package io.livetasks.push.signalr;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket side of a SignalR connection. Not deployed at a path of its own: {@link HubServlet} checks
 * the request (hub, connection token, access token; 404/401/409 as plain HTTP answers) and then upgrades
 * it to this endpoint with {@code ServerContainer.upgradeHttpToWebSocket}, so the WebSocket and the HTTP
 * transports share the hub URL, as the protocol requires.
 *
 * <p>Text is taken as partial messages: a record limit is enforced without the container buffering a
 * whole oversize frame first.
 */
public final class SignalRWebSocketEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(SignalRWebSocketEndpoint.class.getName());
    private static final String CONNECTION = SignalRConnection.class.getName();
    private static final String TRANSPORT = WebSocketTransport.class.getName();

    private SignalRConnection connection;

    /** The per-request endpoint configuration that hands the checked connection to the new endpoint. */
    static ServerEndpointConfig config(String path, SignalRConnection connection, WebSocketTransport transport) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(SignalRWebSocketEndpoint.class, path).build();
        config.getUserProperties().put(CONNECTION, connection);
        config.getUserProperties().put(TRANSPORT, transport);
        return config;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connection = (SignalRConnection) config.getUserProperties().get(CONNECTION);
        WebSocketTransport transport = (WebSocketTransport) config.getUserProperties().get(TRANSPORT);
        session.setMaxIdleTimeout(0);
        transport.opened(session);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (text, last) -> connection.receive(text));
        if (connection.isClosed()) {
            transport.end("closed before the WebSocket opened");
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (connection != null) {
            connection.close("WebSocket closed: " + reason.getCloseCode().getCode());
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
        if (connection != null) {
            connection.close("WebSocket error");
        }
    }
}
