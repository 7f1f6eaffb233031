package io.livetasks.push.sse;

import io.livetasks.push.Connection;
import io.livetasks.push.Message;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A connection over Server-Sent Events: each message is an event named after its target, with the
 * JSON as data and, on the last message of a version, {@code id:} = that version (the resume cursor a
 * browser sends back as {@code Last-Event-ID}).
 *
 * <p>Sends and the close run on an executor, never on the caller's thread: the JAX-RS runtime of Liberty
 * (RESTEasy) writes and flushes an SSE event synchronously inside {@link SseEventSink#send}, so a client
 * that stops reading blocks the sending thread once the socket buffers are full. Called on the poller's
 * thread, that would stop every client of the instance. With the executor, one blocked send holds one
 * pool thread (until the container's write timeout fails it), the queue fills meanwhile, and the client is
 * dropped as a slow consumer like any other.
 */
public final class SseConnection extends Connection {

    /** {@code transport} tag of this kind of connection at {@code /metrics}. */
    public static final String TRANSPORT_NAME = "sse";

    @Override
    public String transportName() {
        return TRANSPORT_NAME;
    }

    private final SseEventSink sink;
    private final Sse sse;
    private final Executor executor;
    /** A write failed: the response is gone, the sink must not be touched again. */
    private volatile boolean broken;

    /** How long a browser's EventSource waits before reconnecting. */
    private static final long RECONNECT_DELAY_MS = 2000;

    /** @param executor runs the (possibly blocking) sends and the close */
    public SseConnection(String user, int queueCapacity, SseEventSink sink, Sse sse, Executor executor) {
        super(user, queueCapacity);
        this.sink = sink;
        this.sse = sse;
        this.executor = executor;
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

    /**
     * No keep-alives for SSE streams yet. On Open Liberty 26.0.0.3 (seen over HTTP/2) writing to the sink of a
     * client that went away failed with "this._srtRequestHelper is null": the container had destroyed that
     * response and apparently reused its request object. Until it is clear that such a write cannot touch the
     * stream the object now belongs to, dead sinks are not written to every interval; plain SSE streams are
     * reaped as before, when their list changes. WebSocket streams get pings.
     */
    @Override
    protected boolean wantsKeepAlives() {
        return false;
    }

    @Override
    protected void transmit(Message message, Consumer<Throwable> done) {
        OutboundSseEvent.Builder event = sse.newEventBuilder()
                .name(message.target())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, message.json());
        message.resumeVersion().ifPresent(version -> event.id(version.toString()));
        send(event.build(), done);
    }

    private void send(OutboundSseEvent event, Consumer<Throwable> done) {
        try {
            executor.execute(() -> {
                if (sink.isClosed()) {
                    broken = true;
                    done.accept(new IllegalStateException("SSE stream closed by the client"));
                    return;
                }
                try {
                    sink.send(event).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            broken = true;
                        }
                        done.accept(failure);
                    });
                } catch (RuntimeException e) {
                    broken = true;
                    done.accept(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.accept(e); // the application is stopping
        }
    }

    /**
     * Also off the caller's thread: closing waits for a send that may be blocked on a client that does not read.
     * Not at all once a write has failed: the container has then destroyed the response already, and may have
     * handed its request object to a new request (seen with HTTP/2 on Liberty 26.0.0.3), which closing the old
     * sink would end — another client's stream.
     */
    @Override
    protected void disconnect(String reason) {
        if (broken) {
            return;
        }
        try {
            executor.execute(sink::close);
        } catch (RejectedExecutionException e) {
            sink.close();
        }
    }
}
