package io.livetasks.push;

import io.livetasks.changefeed.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One stream of versioned messages to one connection (e.g. one task list): a {@link VersionCursor} paired
 * with the connection's {@link Outbox}. This is what joins the hub's groups and what a replay goes
 * through. A plain SSE or WebSocket stream has one ({@link Connection#subscription()}); a SignalR
 * connection has one per joined list, each with its own cursor, so that replaying list B from an old
 * version is not suppressed because list A already delivered a newer one.
 *
 * <p>Replayed messages enter the outbox as a replay (exempt from its capacity), live ones as live: a big
 * replay never makes the client look slow. Thread-safe; the cursor's decision and the queueing happen
 * under the subscription's lock, so the queue keeps the order the cursor saw.
 */
public final class Subscription {

    private final Connection connection;
    private final VersionCursor cursor = new VersionCursor();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onClose = () -> { };
    /**
     * Until the application describes its keep-alives ({@link #describeKeepAlives}), one that falls due meanwhile
     * (the stream is open, its subscribe still reading the database) still says what it is: a client told apart
     * keep-alives from events by {@code action}, and an unlabelled {@code {"version":…}} passed for an event.
     */
    private volatile Function<Version, String> keepAliveJson =
            version -> "{\"action\":\"" + Message.KEEP_ALIVE_EVENT + "\",\"version\":" + version.value() + "}";

    public Subscription(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Queues a live message unless its version was already delivered.
     *
     * @return false when the subscription or its connection is closed, or the connection was just closed
     *         as a slow consumer; true when queued or skipped as a duplicate
     */
    public synchronized boolean offer(Message message) {
        if (isClosed()) {
            return false;
        }
        if (!cursor.admit(message)) {
            return true;
        }
        return connection.outbox().offer(message);
    }

    /**
     * Queues the messages of a replay (on resume, before the subscription receives live messages), skipping
     * versions already delivered. They do not count against the connection's queue capacity.
     *
     * @return false when the subscription or its connection is closed
     */
    public synchronized boolean replay(List<Message> messages) {
        if (isClosed()) {
            return false;
        }
        List<Message> admitted = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (cursor.admit(message)) {
                admitted.add(message);
            }
        }
        return connection.outbox().replay(admitted);
    }

    /** Marks every version up to {@code version} as delivered (after a replay that covered them). */
    public synchronized void advanceTo(Version version) {
        cursor.advanceTo(version);
    }

    /**
     * How this subscription's keep-alives read (the JSON of {@link #keepAlive()}), given the version delivered
     * completely; by default {@code {"version":N}}. The application names what the stream is of (e.g. its list).
     */
    public void describeKeepAlives(Function<Version, String> json) {
        this.keepAliveJson = json;
    }

    /**
     * A keep-alive carrying the version delivered completely so far. Built under the lock that also admits and
     * queues messages, so every message the version counts is queued before the keep-alive is.
     */
    public synchronized Message keepAlive() {
        Version delivered = cursor.deliveredThrough();
        return Message.keepAlive(keepAliveJson.apply(delivered), delivered);
    }

    /** The highest version delivered completely so far. */
    public synchronized Version deliveredThrough() {
        return cursor.deliveredThrough();
    }

    public boolean isClosed() {
        return closed.get() || connection.isClosed();
    }

    /** Runs once when the subscription is closed (not when only its connection closes: see {@link Hub#remove(Connection)}). */
    public synchronized void onClose(Runnable action) {
        Runnable previous = onClose;
        onClose = () -> {
            previous.run();
            action.run();
        };
    }

    /**
     * Ends this subscription alone (idempotent): it takes no more messages; the connection stays open.
     * Lock-free, as a connection closes its subscriptions while another thread may hold one of their locks.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + connection + "]";
    }
}
