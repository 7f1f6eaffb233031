package io.livetasks.push.signalr;

import io.livetasks.push.http.AsyncWriter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Long polling: the client keeps one GET outstanding; it is answered with whatever records are waiting
 * (200), empty after the poll timeout (200, no content), or with 204 when the connection ended or a
 * newer poll replaced it. A write with no poll outstanding waits for the next poll and, until then,
 * holds back the connection's queue, so a client that stops polling overflows it and is dropped.
 */
final class LongPollingTransport implements Transport {

    /** Stop adding records to one poll response past this size; the rest goes with the next poll. */
    private static final int MAX_BATCH_CHARS = 256 * 1024;

    private final SignalRConnection connection;
    private final Duration pollTimeout;
    private final Clock clock;
    private Poll waiting;
    private String pendingFrames;
    private Consumer<Throwable> pendingDone;
    private boolean collecting;
    private boolean ended;
    /**
     * Polls taken from {@code waiting}, or answered without parking, whose answer is not yet out: outstanding
     * still. A slow link's answer, or one a sweep catches between the taking and the writing, is no gap.
     */
    private int answering;
    private long lastPollEnded;

    LongPollingTransport(SignalRConnection connection, Duration pollTimeout, Clock clock) {
        this.connection = connection;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
        this.lastPollEnded = clock.millis();
    }

    @Override
    public Type type() {
        return Type.LongPolling;
    }

    /**
     * Milliseconds since the client last had a poll outstanding (0 while one is parked or being answered: records
     * are collected only into a poll being answered).
     */
    synchronized long millisWithoutPoll(long now) {
        return waiting != null || answering > 0 ? 0 : now - lastPollEnded;
    }

    /** A poll after the first: answered now when records wait, otherwise parked until data or timeout. */
    void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Poll previous;
        boolean parked = false;
        boolean over;
        synchronized (this) {
            previous = waiting;
            waiting = null;
            if (previous != null) {
                answering++;
            }
            over = ended;
            if (!over && pendingFrames == null) {
                AsyncContext context = request.startAsync();
                context.setTimeout(pollTimeout.toMillis());
                waiting = new Poll(context, response);
                context.addListener(waiting);
                parked = true;
            } else {
                answering++;
            }
        }
        if (previous != null) {
            previous.respond(HttpServletResponse.SC_NO_CONTENT, "");
        }
        if (parked) {
            return;
        }
        try {
            if (over) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                byte[] body = collect().getBytes(StandardCharsets.UTF_8);
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/plain;charset=UTF-8");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        } finally {
            pollEnded();
        }
    }

    @Override
    public void write(String frames, Consumer<Throwable> done) {
        Poll claimed;
        synchronized (this) {
            if (ended) {
                claimed = null;
            } else {
                pendingFrames = frames;
                pendingDone = done;
                if (collecting || waiting == null) {
                    return;
                }
                claimed = waiting;
                waiting = null;
                answering++;
            }
        }
        if (claimed == null) {
            done.accept(new IllegalStateException("Long polling ended"));
            return;
        }
        claimed.respond(HttpServletResponse.SC_OK, collect());
    }

    /**
     * Takes the waiting records into one response body. Completing each write lets the connection hand
     * over its next queued message, which {@link #write} parks while collecting (no recursion).
     */
    private String collect() {
        StringBuilder batch = new StringBuilder();
        while (true) {
            String frames;
            Consumer<Throwable> done;
            synchronized (this) {
                if (pendingFrames == null || batch.length() >= MAX_BATCH_CHARS) {
                    collecting = false;
                    return batch.toString();
                }
                frames = pendingFrames;
                done = pendingDone;
                pendingFrames = null;
                pendingDone = null;
                collecting = true;
            }
            batch.append(frames);
            done.accept(null);
        }
    }

    /** A poll's answer is out (or failed): from now on, until the next poll, the client has none outstanding. */
    private synchronized void pollEnded() {
        answering--;
        lastPollEnded = clock.millis();
    }

    @Override
    public void end(String reason) {
        Poll claimed;
        Consumer<Throwable> dropped;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            claimed = waiting;
            waiting = null;
            if (claimed != null) {
                answering++;
            }
            dropped = pendingDone;
            pendingFrames = null;
            pendingDone = null;
        }
        if (dropped != null) {
            dropped.accept(new IllegalStateException("Long polling ended: " + reason));
        }
        if (claimed != null) {
            claimed.respond(HttpServletResponse.SC_NO_CONTENT, "");
        }
    }

    /** One parked poll; whoever takes it out of {@code waiting} answers it, exactly once. */
    private final class Poll implements AsyncListener {

        private final AsyncContext context;
        private final HttpServletResponse response;
        private boolean finished;

        Poll(AsyncContext context, HttpServletResponse response) {
            this.context = context;
            this.response = response;
        }

        void respond(int status, String body) {
            try {
                response.setStatus(status);
                if (body.isEmpty()) {
                    response.setContentLength(0);
                    complete();
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                response.setContentType("text/plain;charset=UTF-8");
                response.setContentLength(bytes.length);
                new AsyncWriter(response, failure -> { })
                        .write(bytes, failure -> complete());
            } catch (IOException | IllegalStateException e) {
                // The client dropped the poll; what it carried counts as sent (see the transport spec). It polls again or times out.
                complete();
            }
        }

        /** Ends the exchange; the answer is out (or failed), so the client has this poll no longer. */
        private void complete() {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                // Already completed by the container.
            } finally {
                finish();
            }
        }

        private void finish() {
            synchronized (LongPollingTransport.this) {
                if (finished) {
                    return;
                }
                finished = true;
            }
            pollEnded();
        }

        /** Takes this poll from {@code waiting} to answer it; false when another already took it. */
        private boolean release() {
            synchronized (LongPollingTransport.this) {
                if (waiting != this) {
                    return false;
                }
                waiting = null;
                answering++;
                return true;
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (release()) {
                respond(HttpServletResponse.SC_OK, "");
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (release()) {
                complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (release()) {
                finish();
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
