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
 * itself — the writer starts no further call on the response: the container recycles request and response
 * objects for later requests, and a late write or flush could land on another client's stream. (A call
 * already under way when the container ends the request is not waited for: see {@link #pump} on locks.)
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
    /** Whether the response's headers and first bytes have gone out (see the class comment); pumping thread only. */
    private boolean started;
    /** A thread is calling into the stream (see {@link #pump}). */
    private boolean busy;
    /** The stream became ready (or a write arrived) while another thread was pumping: look again. */
    private boolean again;

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
     * The response is over: from now on nothing more is written to it, a write still waiting for the stream
     * fails, and so do later ones. Never blocks. Idempotent.
     */
    public void abandon() {
        fail(new IOException("Response stream ended"));
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
        onError.accept(error);
    }

    /** Marks the writer failed and tells a write still waiting for the stream (outside the lock). */
    private void fail(Throwable error) {
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
    }

    /**
     * Advances the current write as far as the stream allows; the container calls back when it can go on. The
     * stream is called outside this writer's lock: the container may hold its own locks while it calls
     * {@link #onWritePossible} or {@link #onError}, so holding ours while calling into it could deadlock (a
     * thread closing the connection then waited for ever in {@link #abandon}). One thread pumps at a time; a
     * callback arriving meanwhile makes it look again.
     */
    private void pump() {
        Consumer<Throwable> finished = null;
        Throwable failure = null;
        while (true) {
            Step at;
            byte[] bytes;
            synchronized (this) {
                if (busy) {
                    again = true;
                    return;
                }
                if (failed || step == Step.DONE) {
                    return;
                }
                busy = true;
                again = false;
                at = step;
                bytes = pending;
            }
            Step reached = at;
            Throwable error = null;
            try {
                if (reached == Step.WRITE && out.isReady()) {
                    out.write(bytes);
                    reached = Step.FLUSH;
                }
                if (reached == Step.FLUSH && out.isReady()) {
                    out.flush();
                    if (!started) {
                        response.flushBuffer();
                        started = true;
                    }
                    reached = Step.DONE;
                }
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            boolean retry;
            synchronized (this) {
                busy = false;
                if (failed) {
                    return; // abandoned meanwhile: whoever did that has told the waiting write
                }
                if (error != null) {
                    failed = true;
                    failure = error;
                    finished = done;
                    done = null;
                    pending = null;
                    step = Step.DONE;
                    break;
                }
                step = reached;
                if (reached != at && reached == Step.FLUSH) {
                    pending = null;
                }
                if (reached == Step.DONE) {
                    finished = done;
                    done = null;
                    break;
                }
                retry = again;
            }
            if (!retry) {
                return; // the container calls onWritePossible when the stream is ready again
            }
        }
        if (finished != null) {
            finished.accept(failure);
        }
    }
}
