package io.livetasks.push.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Writes to a servlet response without blocking the caller (Servlet non-blocking I/O): a slow client
 * must not stall the thread that publishes changes to everyone. One write at a time, which is all a
 * connection's {@link io.livetasks.push.Outbox} ever issues; {@code done} runs once the bytes are written and
 * flushed, on the caller's thread or later on a container thread.
 *
 * <p>Once the response is over — a write failed, or the owner {@linkplain #abandon() abandoned} it because
 * the container reported the request complete, failed or timed out, or because it completes the request
 * itself — the writer never touches the response again: the container recycles request and response
 * objects for later requests, and a late write or flush could land on another client's stream. Every
 * access to the stream happens under the writer's lock, so {@code abandon()} also waits for a write in
 * progress to return.
 *
 * <p>Flushing calls {@code out.flush()}, which on Liberty 26.0.0.3 waits for the stream to be ready. The first
 * write of a response not yet committed also calls {@code response.flushBuffer()}: in non-blocking mode either
 * one alone left the first bytes of a response (headers and the SSE opening) buffered until the next write, so
 * an EventSource never reported "open" (checked by hand with curl and Node; both together send them at once).
 * Only the first: {@code flushBuffer()} is a blocking flush of the connection (Liberty's
 * {@code SRTServletResponse31.flushData}), which held the publishing thread once a client stopped reading.
 */
public final class AsyncWriter implements WriteListener {

    private enum Step { WRITE, FLUSH, DONE }

    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final Consumer<Throwable> onError;
    private byte[] pending;
    private Consumer<Throwable> done;
    private Step step = Step.DONE;
    private boolean failed;
    /** Whether the response's headers and first bytes have gone out (see the class comment). */
    private boolean started;

    /** Call within the async context; {@code onError} learns of a broken stream even when no write is pending. */
    public AsyncWriter(HttpServletResponse response, Consumer<Throwable> onError) throws IOException {
        this.response = response;
        this.out = response.getOutputStream();
        this.onError = onError;
        this.started = response.isCommitted();
        out.setWriteListener(this);
    }

    /**
     * Writes and flushes {@code bytes}; {@code whenDone} runs exactly once, with {@code null} or the failure.
     *
     * @throws IllegalStateException when the previous write has not completed yet
     */
    public void write(byte[] bytes, Consumer<Throwable> whenDone) {
        synchronized (this) {
            if (!failed) {
                if (step != Step.DONE) {
                    throw new IllegalStateException("A write is already in progress");
                }
                pending = bytes;
                done = whenDone;
                step = Step.WRITE;
            }
        }
        if (isFailed()) {
            whenDone.accept(new IOException("Response stream failed"));
            return;
        }
        pump();
    }

    private synchronized boolean isFailed() {
        return failed;
    }

    /**
     * The response is over: from now on nothing is written to it, a write still waiting for the stream fails,
     * and so do later ones. Returns once no write is in progress. Idempotent.
     */
    public void abandon() {
        Consumer<Throwable> waiting;
        synchronized (this) {
            failed = true;
            waiting = done;
            done = null;
            pending = null;
            step = Step.DONE;
        }
        if (waiting != null) {
            waiting.accept(new IOException("Response stream ended"));
        }
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable error) {
        Consumer<Throwable> waiting;
        synchronized (this) {
            failed = true;
            waiting = done;
            done = null;
            pending = null;
            step = Step.DONE;
        }
        if (waiting != null) {
            waiting.accept(error);
        }
        onError.accept(error);
    }

    /** Advances the current write as far as the stream allows; the container calls back when it can go on. */
    private void pump() {
        Consumer<Throwable> finished = null;
        Throwable failure = null;
        synchronized (this) {
            if (failed) {
                return;
            }
            try {
                if (step == Step.WRITE && out.isReady()) {
                    out.write(pending);
                    pending = null;
                    step = Step.FLUSH;
                }
                if (step == Step.FLUSH && out.isReady()) {
                    out.flush();
                    if (!started) {
                        response.flushBuffer();
                        started = true;
                    }
                    step = Step.DONE;
                    finished = done;
                    done = null;
                }
            } catch (IOException | IllegalStateException e) {
                failed = true;
                failure = e;
                finished = done;
                done = null;
                step = Step.DONE;
            }
        }
        if (finished != null) {
            finished.accept(failure);
        }
    }
}
