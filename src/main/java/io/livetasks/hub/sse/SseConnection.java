package io.livetasks.hub.sse;

import io.livetasks.hub.Connection;
import io.livetasks.hub.Message;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.function.Consumer;

/**
 * A connection over Server-Sent Events: each message is an event named after its target, with the
 * JSON as data and, on the last message of a version, {@code id:} = that version (the resume cursor a
 * browser sends back as {@code Last-Event-ID}).
 */
public final class SseConnection extends Connection {

    private final SseEventSink sink;
    private final Sse sse;

    /** How long a browser's EventSource waits before reconnecting. */
    private static final long RECONNECT_DELAY_MS = 2000;

    public SseConnection(String user, int queueCapacity, SseEventSink sink, Sse sse) {
        super(user, queueCapacity);
        this.sink = sink;
        this.sse = sse;
    }

    /**
     * Starts the stream: sends the reconnect delay and a comment right away, so that the response headers
     * reach the client now rather than with the first change, which may be minutes away. Call once, before
     * the connection receives any message.
     */
    public void open() {
        sink.send(sse.newEventBuilder().comment("livetasks").reconnectDelay(RECONNECT_DELAY_MS).build())
                .toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @Override
    protected void transmit(Message message, Consumer<Throwable> done) {
        OutboundSseEvent.Builder event = sse.newEventBuilder()
                .name(message.target())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, message.json());
        if (message.endOfVersion()) {
            event.id(Long.toString(message.version()));
        }
        send(event.build(), done);
    }

    /** A comment line: keeps proxies from timing the stream out and reveals clients that went away. */
    public void keepAlive(Consumer<Throwable> done) {
        send(sse.newEventBuilder().comment("keep-alive").build(), done);
    }

    private void send(OutboundSseEvent event, Consumer<Throwable> done) {
        if (sink.isClosed()) {
            done.accept(new IllegalStateException("SSE stream closed by the client"));
            return;
        }
        sink.send(event).whenComplete((ignored, failure) -> done.accept(failure));
    }

    @Override
    protected void disconnect(String reason) {
        sink.close();
    }
}
