package io.livetasks.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages waiting for one client connection: a bounded queue with at most one send in flight
 * (Liberty silently drops a WebSocket async send issued while another is in flight, see FACTS).
 *
 * <p>A client that stops reading fills the queue; it is then closed as a slow consumer (it will reconnect
 * and resume), so it can neither grow server memory without bound nor delay anyone else. Messages queued
 * as a replay ({@link #replay(List)}, on resume) do not count against the capacity: a replay is already in
 * memory, bounded by the change log or one database read, and a resume needing more messages than the queue
 * holds would otherwise be closed at once, every time, and never make progress. Only live messages
 * ({@link #offer(Message)}) count, wherever they sit in the queue.
 *
 * <p>Sending runs as a loop, not as recursion: when a transport completes a send synchronously (inside
 * {@link Transmitter#transmit}), the completion only records it and the loop already running takes the next
 * message; when it completes later, on another thread, that completion starts the loop there. So a replay of
 * any length over a synchronous transport uses a constant amount of stack. Thread-safe.
 *
 * <p>A transport that can put several messages on the wire in one write (SSE events, SignalR records) says how
 * many ({@link Transmitter#batchLimit()}): what queued up while a send was in flight then goes out together in
 * the next one, in order, instead of one write (and one completion) per message. Under a burst that is most of
 * the cost of a delivery; an idle connection still sends each message at once, alone.
 */
public final class Outbox {

    /** Close reason for a client whose queue overflowed. */
    public static final String SLOW_CONSUMER = "slow consumer: outbound queue full";

    /** Puts one message on the wire. */
    @FunctionalInterface
    public interface Transmitter {
        /**
         * Sends {@code message} and calls {@code done} once, when it has been written ({@code null}) or has
         * failed; on the calling thread or later. Never called again before {@code done} ran.
         */
        void transmit(Message message, Consumer<Throwable> done);

        /**
         * How many queued messages one send may carry (1: one at a time, {@link #transmit(Message, Consumer)}
         * only; more: {@link #transmitAll(List, Consumer)} gets what waits, up to this many).
         */
        default int batchLimit() {
            return 1;
        }

        /**
         * Sends {@code messages} (two or more, in order) as one write; {@code done} as for
         * {@link #transmit(Message, Consumer)}, once for all of them. Called only when {@link #batchLimit()} is above 1.
         */
        default void transmitAll(List<Message> messages, Consumer<Throwable> done) {
            throw new UnsupportedOperationException("This transport sends one message at a time");
        }
    }

    private record Entry(Message message, boolean replay) {
    }

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final String name;
    private final int capacity;
    private final Transmitter transmitter;
    private final int batchLimit;
    private final Consumer<String> closer;
    private final Deque<Entry> queue = new ArrayDeque<>();
    /** Live messages in {@link #queue}: what the capacity limits. */
    private int live;
    private boolean sending;
    /** When the send in flight began ({@link System#nanoTime()}), for {@link #stalledFor(long)}. */
    private long sendingSince;
    private boolean closed;
    private String finishReason;

    /**
     * @param name        for log lines (the connection id)
     * @param capacity    how many live messages may wait (besides the one in flight) before the client is a slow consumer
     * @param transmitter puts a message on the wire
     * @param closer      closes the owner when the outbox gives up on the client (overflow, failed send, finish);
     *                    the owner then calls {@link #close()}
     */
    public Outbox(String name, int capacity, Transmitter transmitter, Consumer<String> closer) {
        this.name = name;
        this.capacity = capacity;
        this.transmitter = transmitter;
        this.batchLimit = Math.max(1, transmitter.batchLimit());
        this.closer = closer;
    }

    /**
     * Queues a live message; it counts against the capacity until it is sent.
     *
     * @return false when the outbox is closed or the client was just closed because its queue is full
     */
    public boolean offer(Message message) {
        List<Message> first;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (live >= capacity) {
                first = null;
            } else {
                queue.addLast(new Entry(message, false));
                live++;
                if (sending) {
                    return true;
                }
                sending = true;
                sendingSince = System.nanoTime();
                first = take();
            }
        }
        if (first == null) {
            LOG.log(Level.INFO, "Closing connection {0}: {1}", new Object[] {name, SLOW_CONSUMER});
            closer.accept(SLOW_CONSUMER);
            return false;
        }
        send(first);
        return true;
    }

    /**
     * Queues the messages of a replay, however many, in order and after whatever is queued already. They
     * do not count against the capacity.
     *
     * @return false when the outbox is closed
     */
    public boolean replay(List<Message> messages) {
        List<Message> first;
        synchronized (this) {
            if (closed) {
                return false;
            }
            for (Message message : messages) {
                queue.addLast(new Entry(message, true));
            }
            if (sending || queue.isEmpty()) {
                return true;
            }
            sending = true;
            sendingSince = System.nanoTime();
            first = take();
        }
        send(first);
        return true;
    }

    /** Closes the owner once everything queued so far has been sent. */
    public void finish(String reason) {
        boolean idle;
        synchronized (this) {
            if (closed) {
                return;
            }
            finishReason = reason;
            idle = !sending;
        }
        if (idle) {
            closer.accept(reason);
        }
    }

    /**
     * Drops whatever waits and refuses everything from now on.
     *
     * @return true the first time only
     */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        queue.clear();
        live = 0;
        return true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** True when nothing is queued or in flight: a keep-alive would be the only traffic. */
    public synchronized boolean idle() {
        return !sending && queue.isEmpty() && !closed;
    }

    /**
     * How long the send in flight has been going on, in nanoseconds; 0 when none is. A send that never
     * completes means a client that stopped reading (or a half-open connection): its owner closes it.
     */
    public synchronized long stalledFor(long nowNanos) {
        return sending ? nowNanos - sendingSince : 0;
    }

    /** Messages waiting, live and replayed (not counting the one in flight). */
    public synchronized int queued() {
        return queue.size();
    }

    /**
     * Takes the head of the queue, up to {@link #batchLimit} messages, or null when it is empty; the caller
     * holds the lock and has {@code sending} set.
     */
    private List<Message> take() {
        Entry entry = queue.pollFirst();
        if (entry == null) {
            return null;
        }
        if (!entry.replay()) {
            live--;
        }
        if (batchLimit == 1 || queue.isEmpty()) {
            return List.of(entry.message());
        }
        List<Message> batch = new ArrayList<>(Math.min(batchLimit, queue.size() + 1));
        batch.add(entry.message());
        while (batch.size() < batchLimit && (entry = queue.pollFirst()) != null) {
            if (!entry.replay()) {
                live--;
            }
            batch.add(entry.message());
        }
        return batch;
    }

    /**
     * The send loop, run by the thread that took {@code messages} (and with it the one in-flight slot). It
     * keeps going while the transport completes synchronously and hands over to the completion otherwise.
     */
    private void send(List<Message> messages) {
        List<Message> current = messages;
        while (current != null) {
            Completion completion = new Completion();
            try {
                if (current.size() == 1) {
                    transmitter.transmit(current.get(0), completion);
                } else {
                    transmitter.transmitAll(current, completion);
                }
            } catch (RuntimeException e) {
                completion.accept(e);
            }
            synchronized (this) {
                if (!completion.done) {
                    completion.resumes = true; // completes later: its callback goes on from there
                    return;
                }
            }
            current = afterSend(completion.failure);
        }
    }

    /** What to send after a completed send, or null when there is nothing (then the in-flight slot is free). */
    private List<Message> afterSend(Throwable failure) {
        if (failure != null) {
            LOG.log(Level.FINE, "Send failed on connection {0}: {1}", new Object[] {name, failure.toString()});
            synchronized (this) {
                sending = false;
            }
            closer.accept("send failed");
            return null;
        }
        String finish;
        synchronized (this) {
            List<Message> next = closed ? null : take();
            if (next != null) {
                sendingSince = System.nanoTime();
                return next;
            }
            sending = false;
            finish = closed ? null : finishReason;
        }
        if (finish != null) {
            closer.accept(finish);
        }
        return null;
    }

    /** The {@code done} of one send: either the loop that issued it goes on, or this callback does. */
    private final class Completion implements Consumer<Throwable> {

        private boolean done;
        private boolean resumes;
        private Throwable failure;

        @Override
        public void accept(Throwable error) {
            synchronized (Outbox.this) {
                if (done) {
                    return; // a transport calling back twice must not start a second loop
                }
                done = true;
                failure = error;
                if (!resumes) {
                    return;
                }
            }
            send(afterSend(error));
        }
    }
}
