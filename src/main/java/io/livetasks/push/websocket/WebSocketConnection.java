package io.livetasks.push.websocket;

import io.livetasks.push.Connection;
import io.livetasks.push.Hub;
import io.livetasks.push.Message;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A connection over a plain WebSocket: one text frame per message, the message's JSON as is; a keep-alive too
 * (its JSON names the version delivered completely so far), so that a browser's code sees it. Sends are
 * asynchronous with at most one in flight, which the connection's {@link io.livetasks.push.Outbox} guarantees (Liberty silently drops an
 * async send issued while another is in flight on the same session).
 */
public final class WebSocketConnection extends Connection {

    /** {@code transport} tag of this kind of connection at {@code /metrics}. */
    public static final String TRANSPORT_NAME = "websocket";

    @Override
    public String transportName() {
        return TRANSPORT_NAME;
    }

    /** Close code for a normal end decided by the server (e.g. after telling the client to resync). */
    public static final int GOING_AWAY = CloseReason.CloseCodes.GOING_AWAY.getCode();
    /** Close code when the server stops (RFC 6455 registry: 1012 Service Restart): reconnect and resume. */
    public static final int SERVICE_RESTART = CloseReason.CloseCodes.SERVICE_RESTART.getCode();
    /** Close code for a client too slow to read its messages (RFC 6455: 1008 policy violation). */
    public static final int TOO_SLOW = CloseReason.CloseCodes.VIOLATED_POLICY.getCode();

    private final Session session;
    private final Executor closer;

    /**
     * @param closer where the session is closed: closing writes a close frame, which waits behind a send in
     *               flight, so a stalled client would hold the thread that drops it (the publisher's)
     */
    public WebSocketConnection(String user, int queueCapacity, Session session, Executor closer) {
        super(user, queueCapacity);
        this.session = session;
        this.closer = closer;
    }

    @Override
    protected void transmit(Message message, Consumer<Throwable> done) {
        if (!session.isOpen()) {
            done.accept(new IllegalStateException("WebSocket session closed"));
            return;
        }
        session.getAsyncRemote().sendText(message.json(), result -> done.accept(result.isOK() ? null : result.getException()));
    }

    @Override
    protected boolean wantsKeepAlives() {
        return true;
    }

    @Override
    protected void disconnect(String reason) {
        if (!session.isOpen()) {
            return;
        }
        int code = SLOW_CONSUMER.equals(reason) ? TOO_SLOW : Hub.SHUTTING_DOWN.equals(reason) ? SERVICE_RESTART : GOING_AWAY;
        CloseReason closeReason = CloseReasons.of(CloseReason.CloseCodes.getCloseCode(code), reason);
        try {
            closer.execute(() -> close(closeReason));
        } catch (RejectedExecutionException e) {
            close(closeReason); // the executor is stopping (so is the application): close here
        }
    }

    private void close(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            // Already gone: nothing left to close.
        }
    }
}
