package io.livetasks.push;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection, whatever the transport. Owns a bounded outbound queue with at most one send in
 * flight (Liberty drops a WebSocket async send issued while another is in flight, see FACTS), and a
 * version cursor so that a message whose version was already delivered is never sent twice.
 *
 * <p>A client that stops reading fills its queue; it is then closed (it will reconnect and resume) so it
 * can neither grow server memory without bound nor delay anyone else. A replay on resume is queued whole
 * ({@link #replay(List)}) and only live messages count against the capacity: otherwise a resume needing
 * more messages than the queue holds would be closed at once, every time, and never make progress.
 * Thread-safe.
 */
public abstract class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Close reason given to a client whose queue overflowed. */
    public static final String SLOW_CONSUMER = "slow consumer: outbound queue full";

    private final String id = UUID.randomUUID().toString();
    private final String user;
    private final int queueCapacity;
    private final Deque<Message> queue = new ArrayDeque<>();
    /** How many replayed messages are still at the head of the queue; they do not count against the capacity. */
    private int replayBacklog;
    private boolean sending;
    private boolean closed;
    private String finishReason;
    private long deliveredThrough;
    private Runnable onClose = () -> { };

    protected Connection(String user, int queueCapacity) {
        this.user = user;
        this.queueCapacity = queueCapacity;
    }

    public String id() {
        return id;
    }

    /** The authenticated user, or {@code null} for anonymous connections. */
    public String user() {
        return user;
    }

    /** Runs once when the connection closes, for whatever reason (the hub uses it to forget the connection). */
    public synchronized void onClose(Runnable action) {
        Runnable previous = onClose;
        onClose = () -> {
            previous.run();
            action.run();
        };
    }

    /**
     * Queues a message. Versioned messages at or below the version already delivered are skipped.
     *
     * @return false when the connection is closed or was just closed because its queue is full
     */
    public boolean offer(Message message) {
        Message toSend;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (message.version() != 0 && message.version() <= deliveredThrough) {
                return true;
            }
            if (message.endOfVersion()) {
                deliveredThrough = message.version();
            }
            if (queue.size() - replayBacklog >= queueCapacity) {
                toSend = null;
            } else {
                queue.addLast(message);
                if (sending) {
                    return true;
                }
                sending = true;
                toSend = next();
            }
        }
        if (toSend == null) {
            LOG.log(Level.INFO, "Closing connection {0}: {1}", new Object[] {id, SLOW_CONSUMER});
            close(SLOW_CONSUMER);
            return false;
        }
        transmit(toSend, this::sent);
        return true;
    }

    /**
     * Queues the messages of a replay (on resume, before the connection receives live messages), however
     * many: the replay is already in memory and bounded by what the change log or one database read
     * holds. Versioned messages at or below the version already delivered are skipped.
     *
     * @return false when the connection is closed
     */
    public boolean replay(List<Message> messages) {
        Message toSend;
        synchronized (this) {
            if (closed) {
                return false;
            }
            for (Message message : messages) {
                if (message.version() != 0 && message.version() <= deliveredThrough) {
                    continue;
                }
                if (message.endOfVersion()) {
                    deliveredThrough = message.version();
                }
                queue.addLast(message);
                replayBacklog++;
            }
            if (sending || queue.isEmpty()) {
                return true;
            }
            sending = true;
            toSend = next();
        }
        transmit(toSend, this::sent);
        return true;
    }

    /** Takes the head of the queue; the caller holds the lock. */
    private Message next() {
        Message message = queue.pollFirst();
        if (message != null && replayBacklog > 0) {
            replayBacklog--;
        }
        return message;
    }

    /** Marks every version up to {@code version} as delivered (after a replay that covered them). */
    public synchronized void advanceTo(long version) {
        deliveredThrough = Math.max(deliveredThrough, version);
    }

    /** The highest version delivered completely so far. */
    public synchronized long deliveredThrough() {
        return deliveredThrough;
    }

    private void sent(Throwable failure) {
        if (failure != null) {
            LOG.log(Level.FINE, "Send failed on connection {0}: {1}", new Object[] {id, failure.toString()});
            close("send failed");
            return;
        }
        Message next;
        String finish;
        synchronized (this) {
            next = closed ? null : next();
            finish = next == null ? finishReason : null;
            if (next == null) {
                sending = false;
            }
        }
        if (next != null) {
            transmit(next, this::sent);
        } else if (finish != null) {
            close(finish);
        }
    }

    /** Closes the connection once everything queued so far has been sent. */
    public void finish(String reason) {
        boolean idle;
        synchronized (this) {
            finishReason = reason;
            idle = !sending;
        }
        if (idle) {
            close(reason);
        }
    }

    public synchronized int queued() {
        return queue.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the connection (idempotent) and tells the transport to end it with {@code reason}. */
    public void close(String reason) {
        Runnable action;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            replayBacklog = 0;
            action = onClose;
        }
        try {
            disconnect(reason);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Error while closing connection " + id, e);
        } finally {
            action.run();
        }
    }

    /**
     * Sends one message on the wire and calls {@code done} exactly once when it has been written
     * ({@code null}) or has failed. Never called again before {@code done} ran.
     */
    protected abstract void transmit(Message message, Consumer<Throwable> done);

    /** Ends the underlying transport; the connection is already marked closed. */
    protected abstract void disconnect(String reason);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + (user == null ? "" : ", user " + Objects.toString(user)) + "]";
    }
}
