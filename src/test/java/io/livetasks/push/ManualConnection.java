package io.livetasks.push;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A connection whose sends complete only when the test says so, like a slow network. */
final class ManualConnection extends Connection {

    @Override
    public String transportName() {
        return "manual";
    }

    final List<String> onWire = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();
    String closedWith;
    private final boolean keepAlives;

    ManualConnection(int capacity) {
        this(capacity, false);
    }

    /** @param keepAlives whether it takes the hub's keep-alives, as plain SSE and WebSocket streams do */
    ManualConnection(int capacity, boolean keepAlives) {
        super("alice", capacity);
        this.keepAlives = keepAlives;
    }

    @Override
    protected boolean wantsKeepAlives() {
        return keepAlives;
    }

    @Override
    protected synchronized void transmit(Message message, Consumer<Throwable> done) {
        onWire.add(message.isKeepAlive() ? ("(keep-alive) " + message.json()).trim() : message.json());
        pending.add(done);
    }

    void completeAll() {
        while (true) {
            Consumer<Throwable> done;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                done = pending.remove(0);
            }
            done.accept(null);
        }
    }

    @Override
    protected void disconnect(String reason) {
        closedWith = reason;
    }
}
