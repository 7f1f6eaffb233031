package io.livetasks.push.signalr;

import java.util.function.Consumer;

/** The server-to-client half of one transport, as {@link SignalRConnection} drives it. */
interface Transport {

    /** The transport names of the negotiate response and of {@code HttpTransportType} in the clients. */
    enum Type { WebSockets, ServerSentEvents, LongPolling }

    Type type();

    /**
     * Writes complete records and calls {@code done} exactly once when they are written or failed. The
     * connection never calls it again before {@code done} ran (one send in flight).
     */
    void write(String frames, Consumer<Throwable> done);

    /** Ends the transport (idempotent); the connection is already closed. */
    void end(String reason);
}
