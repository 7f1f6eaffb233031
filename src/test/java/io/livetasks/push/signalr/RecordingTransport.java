package io.livetasks.push.signalr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A transport that records what it is asked to write; writes complete at once unless held. */
final class RecordingTransport implements Transport {

    final List<String> written = new ArrayList<>();
    String endedWith;
    private final Type type;
    private boolean hold;
    private Consumer<Throwable> held;

    RecordingTransport(Type type) {
        this.type = type;
    }

    @Override
    public Type type() {
        return type;
    }

    /** Leaves the next writes in flight, like a client that stopped reading. */
    void hold() {
        hold = true;
    }

    @Override
    public synchronized void write(String frames, Consumer<Throwable> done) {
        written.add(frames);
        if (hold) {
            held = done;
        } else {
            done.accept(null);
        }
    }

    /** Completes the held write and every one after it, like a client that reads again. */
    void releaseAll() {
        hold = false;
        Consumer<Throwable> done;
        synchronized (this) {
            done = held;
            held = null;
        }
        if (done != null) {
            done.accept(null);
        }
    }

    @Override
    public void end(String reason) {
        endedWith = reason;
    }

    /** All writes so far, concatenated, split into records. */
    synchronized List<String> records() {
        return List.of(String.join("", written).split("\u001e"));
    }
}
