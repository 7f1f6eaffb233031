package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A transport whose sends complete only when the test says so, like a slow network. */
    private static final class ManualTransport implements Outbox.Transmitter {
        final List<String> onWire = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int inFlight;
        int maxInFlight;

        @Override
        public synchronized void transmit(Message message, Consumer<Throwable> done) {
            onWire.add(message.json());
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            pending.add(done);
        }

        void completeNext() {
            Consumer<Throwable> done;
            synchronized (this) {
                done = pending.remove(0);
                inFlight--;
            }
            done.accept(null);
        }

        void completeAll() {
            while (!pending.isEmpty()) {
                completeNext();
            }
        }
    }

    private final ManualTransport transport = new ManualTransport();
    private final List<String> closes = new ArrayList<>();

    private Outbox outbox(int capacity, Outbox.Transmitter transmitter) {
        Outbox[] self = new Outbox[1];
        self[0] = new Outbox("test", capacity, transmitter, reason -> {
            closes.add(reason);
            self[0].close();
        });
        return self[0];
    }

    private Outbox outbox(int capacity) {
        return outbox(capacity, transport);
    }

    private static List<Message> messages(String prefix, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            messages.add(Message.of("t", prefix + i));
        }
        return messages;
    }

    @Test
    void shouldKeepAtMostOneSendInFlightAndPreserveOrder() {
        Outbox outbox = outbox(10);
        outbox.offer(Message.of("t", "1"));
        outbox.offer(Message.of("t", "2"));
        outbox.offer(Message.of("t", "3"));

        assertThat(transport.onWire).containsExactly("1");
        transport.completeAll();

        assertThat(transport.onWire).containsExactly("1", "2", "3");
        assertThat(transport.maxInFlight).isEqualTo(1);
        assertThat(outbox.queued()).isZero();
    }

    @Test
    void shouldCloseASlowConsumerInsteadOfQueueingWithoutBound() {
        Outbox outbox = outbox(2);

        assertThat(outbox.offer(Message.of("t", "in flight"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "queued 1"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "queued 2"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "overflow"))).isFalse();

        assertThat(outbox.isClosed()).isTrue();
        assertThat(closes).containsExactly(Outbox.SLOW_CONSUMER);
        assertThat(outbox.offer(Message.of("t", "after close"))).isFalse();
    }

    @Test
    void shouldFinishOnlyAfterTheQueueDrained() {
        Outbox outbox = outbox(10);
        outbox.offer(Message.of("t", "resync"));
        outbox.finish("resync");
        assertThat(closes).isEmpty();

        transport.completeNext();

        assertThat(closes).containsExactly("resync");
    }

    @Test
    void shouldCloseWhenASendFails() {
        Outbox outbox = outbox(10);
        outbox.offer(Message.of("t", "x"));
        outbox.offer(Message.of("t", "y"));
        transport.pending.remove(0).accept(new java.io.IOException("broken pipe"));

        assertThat(closes).containsExactly("send failed");
        assertThat(transport.onWire).containsExactly("x");
    }

    @Test
    void shouldStayConnectedThroughAReplayLargerThanTheCapacityAndSendItInOrder() {
        Outbox outbox = outbox(2);

        assertThat(outbox.replay(messages("r", 50))).isTrue();
        transport.completeAll();

        assertThat(outbox.isClosed()).isFalse();
        assertThat(transport.onWire).containsExactlyElementsOf(messages("r", 50).stream().map(Message::json).toList());
    }

    @Test
    void shouldCountOnlyLiveMessagesAgainstTheCapacityAfterAReplay() {
        Outbox outbox = outbox(2);
        outbox.replay(messages("r", 3));

        assertThat(outbox.offer(Message.of("t", "live1"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "live2"))).isTrue();
        assertThat(outbox.isClosed()).isFalse();
        assertThat(outbox.offer(Message.of("t", "live3"))).as("the client still does not read").isFalse();

        assertThat(closes).containsExactly(Outbox.SLOW_CONSUMER);
    }

    @Test
    void shouldKeepCountingLiveMessagesQueuedBeforeAReplay() {
        Outbox outbox = outbox(2);
        outbox.offer(Message.of("t", "in flight"));
        outbox.offer(Message.of("t", "live1"));
        outbox.offer(Message.of("t", "live2"));
        outbox.replay(messages("r", 5));
        transport.completeNext(); // sends live1: one live message waits, then the replay

        assertThat(outbox.offer(Message.of("t", "live3"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "live4"))).as("two live messages wait besides the replay").isFalse();
    }

    @Test
    void shouldSendAHugeReplayOverASynchronousTransportWithoutGrowingTheStack() {
        List<String> onWire = new ArrayList<>();
        int[] depth = {0};
        int[] maxDepth = {0};
        Outbox outbox = outbox(10, (message, done) -> {
            onWire.add(message.json());
            maxDepth[0] = Math.max(maxDepth[0], ++depth[0]);
            done.accept(null);
            depth[0]--;
        });

        outbox.replay(messages("r", 100_000));

        assertThat(onWire).hasSize(100_000).startsWith("r1").endsWith("r100000");
        assertThat(maxDepth[0]).as("transmit never runs inside another transmit").isEqualTo(1);
        assertThat(outbox.isClosed()).isFalse();
        assertThat(outbox.queued()).isZero();
    }

    @Test
    void shouldDeliverEverythingWhenSendsCompleteOnAnotherThread() throws InterruptedException {
        ExecutorService network = Executors.newSingleThreadExecutor();
        List<String> onWire = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(1_000);
        Outbox outbox = outbox(1_000, (message, done) -> network.execute(() -> {
            synchronized (onWire) {
                onWire.add(message.json());
            }
            all.countDown();
            done.accept(null);
        }));
        try {
            outbox.replay(messages("m", 500));
            messages("live", 500).forEach(outbox::offer);

            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            network.shutdownNow();
        }
        synchronized (onWire) {
            assertThat(onWire.subList(0, 500)).containsExactlyElementsOf(messages("m", 500).stream().map(Message::json).toList());
            assertThat(onWire.subList(500, 1_000)).containsExactlyElementsOf(messages("live", 500).stream().map(Message::json).toList());
        }
        assertThat(outbox.isClosed()).isFalse();
    }

    /** A transport that writes up to {@code limit} messages at once; its writes complete when the test says so. */
    private static final class BatchingTransport implements Outbox.Transmitter {
        final List<List<String>> writes = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        private final int limit;

        BatchingTransport(int limit) {
            this.limit = limit;
        }

        @Override
        public int batchLimit() {
            return limit;
        }

        @Override
        public synchronized void transmit(Message message, Consumer<Throwable> done) {
            writes.add(List.of(message.json()));
            pending.add(done);
        }

        @Override
        public synchronized void transmitAll(List<Message> messages, Consumer<Throwable> done) {
            writes.add(messages.stream().map(Message::json).toList());
            pending.add(done);
        }

        void completeNext() {
            Consumer<Throwable> done;
            synchronized (this) {
                done = pending.remove(0);
            }
            done.accept(null);
        }
    }

    @Test
    void shouldSendWhatQueuedWhileASendWasInFlightAsOneBatchInOrderUpToTheLimit() {
        BatchingTransport batching = new BatchingTransport(3);
        Outbox outbox = outbox(10, batching);
        for (Message message : messages("m", 6)) {
            outbox.offer(message);
        }
        assertThat(batching.writes).containsExactly(List.of("m1")); // idle: the first goes out alone, at once

        batching.completeNext();
        assertThat(batching.writes).containsExactly(List.of("m1"), List.of("m2", "m3", "m4"));
        assertThat(batching.pending).as("one send in flight, batch or not").hasSize(1);

        batching.completeNext();
        batching.completeNext();
        assertThat(batching.writes).containsExactly(List.of("m1"), List.of("m2", "m3", "m4"), List.of("m5", "m6"));
        assertThat(outbox.idle()).isTrue();
    }

    @Test
    void shouldFreeTheCapacityOfEveryLiveMessageABatchTook() {
        BatchingTransport batching = new BatchingTransport(10);
        Outbox outbox = outbox(3, batching);
        outbox.offer(Message.of("t", "in flight"));
        outbox.offer(Message.of("t", "a"));
        outbox.offer(Message.of("t", "b"));
        outbox.offer(Message.of("t", "c"));

        batching.completeNext(); // a, b and c leave the queue together

        assertThat(outbox.offer(Message.of("t", "d"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "e"))).isTrue();
        assertThat(outbox.offer(Message.of("t", "f"))).isTrue();
        assertThat(outbox.isClosed()).isFalse();
        assertThat(outbox.offer(Message.of("t", "g"))).as("three wait again").isFalse();
    }
}
