package io.livetasks.push.signalr;

import io.livetasks.push.websocket.CloseReasons;
import io.livetasks.push.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * WebSockets: one text frame per write, with the async remote (at most one send in flight, which the
 * connection guarantees; Liberty silently drops a second concurrent async send).
 */
final class WebSocketTransport implements Transport {

    private volatile Session session;

    @Override
    public Type type() {
        return Type.WebSockets;
    }

    /** The upgrade completed; until then nothing is written (the client has not shaken hands yet). */
    void opened(Session openedSession) {
        this.session = openedSession;
    }

    @Override
    public void write(String frames, Consumer<Throwable> done) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            done.accept(new IllegalStateException("WebSocket not open"));
            return;
        }
        current.getAsyncRemote().sendText(frames, result -> done.accept(result.isOK() ? null : result.getException()));
    }

    @Override
    public void end(String reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        // A slow consumer gets no Close message (its queue is full): the close code tells it instead.
        CloseReason.CloseCode code = Connection.SLOW_CONSUMER.equals(reason)
                ? CloseReason.CloseCodes.VIOLATED_POLICY : CloseReason.CloseCodes.NORMAL_CLOSURE;
        try {
            current.close(CloseReasons.of(code, reason));
        } catch (IOException | IllegalStateException e) {
            // Already gone.
        }
    }
}
