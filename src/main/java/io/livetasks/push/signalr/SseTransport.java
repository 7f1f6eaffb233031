package io.livetasks.push.signalr;

import io.livetasks.push.http.AsyncWriter;
import io.livetasks.push.http.SseData;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Server-Sent Events: one long response of unnamed events, each event's {@code data} carrying complete
 * records (the client passes {@code data} on as received). Client-to-server messages arrive by POST.
 */
final class SseTransport implements Transport {

    private static final byte[] OPENING = ":\r\n\r\n".getBytes(StandardCharsets.UTF_8);

    private final SignalRConnection connection;
    private AsyncContext async;
    private AsyncWriter writer;
    private boolean open;
    private boolean ended;
    private String deferredFrames;
    private Consumer<Throwable> deferredDone;

    SseTransport(SignalRConnection connection) {
        this.connection = connection;
    }

    @Override
    public Type type() {
        return Type.ServerSentEvents;
    }

    /**
     * Starts the event stream on this request. The headers and a first comment go out at once so that the
     * client's EventSource reports "open" (only then does the client send its handshake). They are written
     * in non-blocking mode (see {@link AsyncWriter} on flushing).
     */
    void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext context = request.startAsync();
        context.setTimeout(0);
        context.addListener(new Ended());
        AsyncWriter created = new AsyncWriter(response, failure -> connection.close("SSE stream failed"));
        synchronized (this) {
            async = context;
            writer = created;
        }
        created.write(OPENING, this::opened);
    }

    /** The opening comment is out: from now on writes go straight to the stream. */
    private void opened(Throwable failure) {
        String frames;
        Consumer<Throwable> done;
        synchronized (this) {
            open = failure == null;
            frames = deferredFrames;
            done = deferredDone;
            deferredFrames = null;
            deferredDone = null;
        }
        if (failure != null) {
            connection.close("SSE stream failed");
        } else if (frames != null) {
            write(frames, done);
        }
    }

    @Override
    public void write(String frames, Consumer<Throwable> done) {
        AsyncWriter current;
        synchronized (this) {
            if (!ended && writer != null && !open) {
                // The writer takes one write at a time and the opening comment is still in flight.
                deferredFrames = frames;
                deferredDone = done;
                return;
            }
            current = ended ? null : writer;
        }
        if (current == null) {
            done.accept(new IllegalStateException("SSE stream not open"));
            return;
        }
        current.write(event(frames), done);
    }

    /** One event; a line break inside the data (never produced by compact JSON) becomes another data line. */
    static byte[] event(String frames) {
        StringBuilder event = new StringBuilder(frames.length() + 16);
        return SseData.append(event, frames, "\r\n").append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void end(String reason) {
        AsyncContext context;
        AsyncWriter current;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            context = async;
            current = writer;
        }
        if (current != null) {
            current.abandon(); // nothing is written once the request is complete (see AsyncWriter)
        }
        if (context != null) {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                // The container already completed the request (client gone).
            }
        }
    }

    /**
     * The client went away or the container ended the request: the connection ends with it, and the response
     * is not written to again (the container may reuse it for another request).
     */
    private final class Ended implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            over();
            connection.close("SSE stream ended");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            over();
            connection.close("SSE stream timed out");
        }

        @Override
        public void onError(AsyncEvent event) {
            over();
            connection.close("SSE stream failed");
        }

        private void over() {
            AsyncWriter current;
            synchronized (SseTransport.this) {
                current = writer;
            }
            if (current != null) {
                current.abandon();
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
