package io.livetasks.hub.signalr;

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

    private final SignalRConnection connection;
    private AsyncContext async;
    private AsyncWriter writer;
    private boolean ended;

    SseTransport(SignalRConnection connection) {
        this.connection = connection;
    }

    @Override
    public Type type() {
        return Type.ServerSentEvents;
    }

    /**
     * Starts the event stream on this request. The headers and a first comment are flushed at once so
     * that the client's EventSource reports "open" (the client sends its handshake only then).
     */
    void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.getOutputStream().write(":\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
        AsyncContext context = request.startAsync();
        context.setTimeout(0);
        context.addListener(new Ended());
        synchronized (this) {
            async = context;
            writer = new AsyncWriter(response.getOutputStream(), failure -> connection.close("SSE stream failed"));
        }
    }

    @Override
    public void write(String frames, Consumer<Throwable> done) {
        AsyncWriter current;
        synchronized (this) {
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
        for (String line : frames.split("\r\n|\r|\n", -1)) {
            event.append("data: ").append(line).append("\r\n");
        }
        return event.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void end(String reason) {
        AsyncContext context;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            context = async;
        }
        if (context != null) {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                // The container already completed the request (client gone).
            }
        }
    }

    /** The client went away or the container ended the request: the connection ends with it. */
    private final class Ended implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            connection.close("SSE stream ended");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            connection.close("SSE stream timed out");
        }

        @Override
        public void onError(AsyncEvent event) {
            connection.close("SSE stream failed");
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
