package io.livetasks.push.sse;

import io.livetasks.push.Connection;
import io.livetasks.push.Message;
import io.livetasks.push.http.AsyncWriter;
import io.livetasks.push.http.SseData;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A connection over Server-Sent Events on an asynchronous servlet response: each message is an event named
 * after its target, with the JSON as data and, on the last message of a version, {@code id:} = that version
 * (the resume cursor a browser sends back as {@code Last-Event-ID}); a keep-alive is an event too, so that an
 * {@code EventSource} sees it: {@code event: keepAlive}, {@code id:} the version delivered completely so far
 * (a safe resume point: everything up to it was written before), data the keep-alive's JSON.
 *
 * <p>Writes are non-blocking ({@link AsyncWriter}): a client that stops reading holds no thread, its queue
 * fills and it is dropped as a slow consumer, or closed by {@link io.livetasks.push.StreamKeepAlive} once a
 * write has been in flight too long. Once the container reports the request over (complete, failed, timed
 * out) the response is never touched again. (The stream used to be a JAX-RS {@code SseEventSink}; on Open
 * Liberty 26.0.0.3 writing to the sink of a client that had gone away failed with "_srtRequestHelper is
 * null" and could end another client's stream, so such streams got no keep-alives.)
 */
public final class SseConnection extends Connection {

    /** {@code transport} tag of this kind of connection at {@code /metrics}. */
    public static final String TRANSPORT_NAME = "sse";

    /** How long a browser's EventSource waits before reconnecting. */
    static final long RECONNECT_DELAY_MS = 2000;

    /**
     * Events that may go out in one write: what queued while the previous write was in flight (a burst) is
     * written and flushed together, in order.
     */
    static final int BATCH_LIMIT = 64;

    /** A message's event, encoded once per message for every SSE stream it goes to. */
    private static final Function<Message, byte[]> EVENT = SseConnection::event;

    private static final byte[] OPENING = ("retry: " + RECONNECT_DELAY_MS + "\n: livetasks\n\n").getBytes(StandardCharsets.UTF_8);

    private final Executor writes;
    private final Executor executor;
    private final Object lock = new Object();
    private AsyncContext async;
    private AsyncWriter writer;
    /** The request is over (the container ended it, or this connection completed it): hands off. */
    private boolean over;

    /**
     * @param writes   where every write to the stream starts: threads that do nothing else (see {@link #transmit})
     * @param executor completes the request (see {@link #disconnect})
     */
    public SseConnection(String user, int queueCapacity, Executor writes, Executor executor) {
        super(user, queueCapacity, BATCH_LIMIT);
        this.writes = writes;
        this.executor = executor;
    }

    @Override
    public String transportName() {
        return TRANSPORT_NAME;
    }

    /**
     * Starts the stream on this request: the headers, the reconnect delay and a comment go out at once (so that
     * the client sees the stream open now rather than with the first change, which may be minutes away), then
     * the response switches to non-blocking writes. That first write blocks, briefly: the connection is new,
     * its buffers are empty. Call once, before the connection receives any message.
     *
     * @throws IOException when the client is already gone; close the connection then
     */
    public void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not buffer the stream
        AsyncContext context = request.startAsync(request, response);
        context.setTimeout(0); // keep-alives find vanished clients; an idle list is no reason to end the stream
        context.addListener(new Ended());
        synchronized (lock) {
            async = context;
        }
        ServletOutputStream out = response.getOutputStream();
        out.write(OPENING);
        out.flush();
        response.flushBuffer();
        AsyncWriter created = new AsyncWriter(response, failure -> close("SSE stream failed"));
        synchronized (lock) {
            if (over) {
                created.abandon();
            } else {
                writer = created;
            }
        }
    }

    /** Plain SSE streams get keep-alive events: writing one to a client that went away fails and closes it. */
    @Override
    protected boolean wantsKeepAlives() {
        return true;
    }

    /**
     * Starts the write on the {@code writes} executor, never on the caller's thread (the poller, the keep-alive
     * task, a container thread finishing the previous write). A precaution: Liberty 26.0.0.3 keeps per-thread
     * state for non-blocking writes ({@code isReady()} marks the calling thread as allowed to write,
     * {@code flush()} leaves the mark), which should not linger on the poller's thread. (What made SlowConsumerIT
     * stall was a lock held across calls into the container, see {@link AsyncWriter}, not this.)
     */
    @Override
    protected void transmit(Message message, Consumer<Throwable> done) {
        startWrite(message.encoded(EVENT), done);
    }

    /** The events one after the other, in one write and flush. */
    @Override
    protected void transmitAll(List<Message> messages, Consumer<Throwable> done) {
        byte[][] events = new byte[messages.size()][];
        int length = 0;
        for (int i = 0; i < events.length; i++) {
            events[i] = messages.get(i).encoded(EVENT);
            length += events[i].length;
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (byte[] event : events) {
            System.arraycopy(event, 0, bytes, at, event.length);
            at += event.length;
        }
        startWrite(bytes, done);
    }

    private void startWrite(byte[] bytes, Consumer<Throwable> done) {
        try {
            writes.execute(() -> write(bytes, done));
        } catch (RejectedExecutionException e) {
            done.accept(e); // the application is stopping
        }
    }

    private void write(byte[] bytes, Consumer<Throwable> done) {
        AsyncWriter current;
        synchronized (lock) {
            current = over ? null : writer;
        }
        if (current == null) {
            done.accept(new IllegalStateException("SSE stream not open"));
            return;
        }
        try {
            current.write(bytes, done);
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /** One event; a line break inside the data (never produced by compact JSON) becomes another data line. */
    static byte[] event(Message message) {
        String json = message.json();
        StringBuilder event = new StringBuilder(json.length() + 64);
        event.append("event: ").append(message.isKeepAlive() ? Message.KEEP_ALIVE_EVENT : message.target()).append('\n');
        message.resumeVersion().ifPresent(version -> event.append("id: ").append(version).append('\n'));
        return SseData.append(event, json, "\n").append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Completes the request, unless the container has ended it already, on the executor: completing flushes
     * what is still buffered, and on Liberty 26.0.0.3 that flush blocks while the client does not read (a slow
     * consumer is closed on the thread that publishes to everyone; SlowConsumerIT stalled there). The lock is
     * not held while completing: the container may be calling {@link Ended} on another thread at the same moment.
     */
    @Override
    protected void disconnect(String reason) {
        AsyncContext context;
        AsyncWriter current;
        synchronized (lock) {
            if (over) {
                return;
            }
            over = true;
            context = async;
            current = writer;
        }
        if (current != null) {
            current.abandon();
        }
        if (context != null) {
            try {
                executor.execute(() -> complete(context));
            } catch (RejectedExecutionException e) {
                complete(context); // the application is stopping
            }
        }
    }

    private static void complete(AsyncContext context) {
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // The container completed the request meanwhile (the client went away).
        }
    }

    /** The container ended the request (client gone, error, shutdown): the connection ends, hands off the response. */
    private final class Ended implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            ended("SSE stream ended");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            ended("SSE stream timed out");
        }

        @Override
        public void onError(AsyncEvent event) {
            ended("SSE stream failed");
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }

        private void ended(String reason) {
            AsyncWriter current;
            synchronized (lock) {
                over = true;
                current = writer;
            }
            if (current != null) {
                current.abandon();
            }
            close(reason);
        }
    }
}
