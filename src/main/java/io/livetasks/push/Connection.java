package io.livetasks.push;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection, whatever the transport: an identity (id, user), an {@link Outbox} that paces what
 * is written to the client, and the transport underneath ({@link #transmit}, {@link #disconnect}).
 *
 * <p>Versions are not the connection's business: a {@link Subscription} pairs a version cursor with the
 * outbox. A plain stream has one, {@link #subscription()}; a SignalR connection adds one per joined list.
 * What is addressed to the connection as a whole (a user, everyone, protocol frames) goes straight to the
 * outbox with {@link #offer(Message)}. Thread-safe.
 */
public abstract class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Close reason given to a client whose queue overflowed. */
    public static final String SLOW_CONSUMER = Outbox.SLOW_CONSUMER;

    private final String id = UUID.randomUUID().toString();
    private final String user;
    private final Outbox outbox;
    private final Subscription subscription;
    private Runnable onClose = () -> { };
    private volatile PushCounters counters = PushCounters.NONE;

    /** @param queueCapacity live messages that may wait before the client is closed as a slow consumer */
    protected Connection(String user, int queueCapacity) {
        this(user, queueCapacity, 1);
    }

    /**
     * @param queueCapacity live messages that may wait before the client is closed as a slow consumer
     * @param batchLimit    how many queued messages one write may carry; above 1 the transport implements
     *                      {@link #transmitAll(List, Consumer)} (see {@link Outbox})
     */
    protected Connection(String user, int queueCapacity, int batchLimit) {
        this.user = user;
        this.outbox = new Outbox(id, queueCapacity, new Counted(batchLimit), this::close);
        this.subscription = new Subscription(this);
    }

    public String id() {
        return id;
    }

    /**
     * The transport's name for the {@code livetasks_connections} gauge ({@code transport} tag): {@code websocket},
     * {@code sse}, or {@code signalr-<transport>}.
     */
    public abstract String transportName();

    /** Set by the hub when the connection joins it. */
    void countWith(PushCounters counters) {
        this.counters = counters;
    }

    /** The outbox's way to the wire: the transport's sends, each written message counted as a delivery. */
    private final class Counted implements Outbox.Transmitter {

        private final int batchLimit;

        Counted(int batchLimit) {
            this.batchLimit = batchLimit;
        }

        @Override
        public int batchLimit() {
            return batchLimit;
        }

        @Override
        public void transmit(Message message, Consumer<Throwable> done) {
            Connection.this.transmit(message, error -> {
                if (error == null && !message.isKeepAlive()) {
                    counters.delivered();
                }
                done.accept(error);
            });
        }

        @Override
        public void transmitAll(List<Message> messages, Consumer<Throwable> done) {
            Connection.this.transmitAll(messages, error -> {
                if (error == null) {
                    for (Message message : messages) {
                        if (!message.isKeepAlive()) {
                            counters.delivered();
                        }
                    }
                }
                done.accept(error);
            });
        }
    }

    /** The authenticated user, or {@code null} for anonymous connections. */
    public String user() {
        return user;
    }

    /**
     * Whether messages sent to this connection's user ({@link Hub#sendToUser}) reach it. False by default: a
     * plain SSE or WebSocket connection is one stream of one list and carries nothing else.
     */
    protected boolean addressableByUser() {
        return false;
    }

    /**
     * One of this connection's subscriptions lost its right to receive (its user was removed from what it
     * streams) and has already been told so: end it. A plain stream has nothing else to carry, so by default
     * the whole connection ends once the farewell is written.
     */
    protected void revoked(Subscription revoked) {
        finish(REVOKED);
    }

    /** Close reason of a stream whose writes stopped completing (the client stopped reading, or vanished). */
    public static final String STALLED = "send stalled: client not reading";

    /**
     * Whether this transport needs the hub's keep-alives ({@link Subscription#keepAlive()}): plain streams do, to
     * notice vanished clients on a quiet list and to tell them how far they are delivered; SignalR has pings
     * of its own (and its own keep-alive invocations, see {@code SignalRConnections}).
     */
    protected boolean wantsKeepAlives() {
        return false;
    }

    /**
     * Called by {@link StreamKeepAlive} every interval, for connections that {@link #wantsKeepAlives()}: closes
     * the connection when a send has been in flight
     * longer than {@code sendTimeoutNanos} (its client vanished or stopped reading), else queues a
     * keep-alive when nothing else is on its way; writing it to a vanished client fails and closes it.
     */
    void keepAlive(long nowNanos, long sendTimeoutNanos) {
        if (!wantsKeepAlives()) {
            return; // SignalR has its own pings and client timeout
        }
        if (outbox.stalledFor(nowNanos) > sendTimeoutNanos) {
            // INFO, as for a slow consumer: a client that vanished without a close, or a send that never completed
            // (docs/no-loss.md, "Open"); counted at /metrics (livetasks_push_stalled_send_closes_total).
            LOG.log(Level.INFO, "Closing connection {0}: {1}", new Object[] {id, STALLED});
            close(STALLED);
        } else if (outbox.idle()) {
            outbox.offer(subscription.keepAlive());
        }
    }

    /** Close reason of a stream whose user may no longer read it. */
    public static final String REVOKED = "access revoked";

    /** The connection's own subscription: the one stream of a plain SSE or WebSocket connection. */
    public Subscription subscription() {
        return subscription;
    }

    Outbox outbox() {
        return outbox;
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
     * Queues a live message for the connection as a whole, outside any subscription's version cursor.
     *
     * @return false when the connection is closed or was just closed because its queue is full
     */
    public boolean offer(Message message) {
        return outbox.offer(message);
    }

    /** Closes the connection once everything queued so far has been sent. */
    public void finish(String reason) {
        outbox.finish(reason);
    }

    /** Messages waiting to be sent. */
    public int queued() {
        return outbox.queued();
    }

    public boolean isClosed() {
        return outbox.isClosed();
    }

    /**
     * The server is stopping: tells the client to reconnect (to another instance, or to this one when it is
     * back) and resume from its last version, then closes. Each transport says it in its own words: WebSocket
     * close code 1012 (Service Restart), a SignalR Close message with {@code allowReconnect}, the end of an SSE
     * stream (EventSource reconnects by itself).
     */
    public void shutdown() {
        close(Hub.SHUTTING_DOWN);
    }

    /** Counts the notice and sends it ({@link #shutdown()}). */
    final void notifyShutdown() {
        if (!isClosed()) {
            counters.shutdownNotified();
            shutdown();
        }
    }

    /** Closes the connection (idempotent) and tells the transport to end it with {@code reason}. */
    public void close(String reason) {
        if (!outbox.close()) {
            return;
        }
        if (SLOW_CONSUMER.equals(reason)) {
            counters.slowConsumerDropped();
        } else if (STALLED.equals(reason)) {
            counters.stalledSendClosed();
        }
        Runnable action;
        synchronized (this) {
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
     * ({@code null}) or has failed, on this thread or later. Never called again before {@code done} ran.
     */
    protected abstract void transmit(Message message, Consumer<Throwable> done);

    /**
     * Sends several messages (in order) in one write, for a connection made with a batch limit above 1;
     * {@code done} as for {@link #transmit(Message, Consumer)}, once for all of them.
     */
    protected void transmitAll(List<Message> messages, Consumer<Throwable> done) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " sends one message at a time");
    }

    /** Ends the underlying transport; the connection is already marked closed. */
    protected abstract void disconnect(String reason);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + (user == null ? "" : ", user " + Objects.toString(user)) + "]";
    }
}
