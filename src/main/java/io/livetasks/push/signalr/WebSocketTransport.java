package io.livetasks.push.signalr;

import io.livetasks.push.websocket.CloseReasons;
import io.livetasks.push.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * WebSockets: one text frame per write, with the async remote (at most one send in flight, which the
 * connection guarantees; Liberty silently drops a second concurrent async send).
 *
 * <p>The session is closed on an executor, never on the caller's thread, as the plain WebSocket transport does:
 * an end is often decided in a send's completion (a Close message written, a failed send), which runs on a
 * Liberty I/O thread, and Liberty 26.0.0.3's {@code Session.close} waits there for the read side
 * ({@code WsocConnLink.finishReadBeforeClose}). The benchmark (docs/benchmarks.md) saw 1,000 connections close at
 * once hold every Default Executor thread that way, and the REST API stopped answering.
 */
final class WebSocketTransport implements Transport {

    private final Executor closer;
    private volatile Session session;

    /** @param closer where the session is closed (see the class comment) */
    WebSocketTransport(Executor closer) {
        this.closer = closer;
    }

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
        CloseReason closeReason = CloseReasons.of(code, reason);
        try {
            closer.execute(() -> close(current, closeReason));
        } catch (RejectedExecutionException e) {
            close(current, closeReason); // the executor is stopping (so is the application): close here
        }
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            // Already gone.
        }
    }
}
