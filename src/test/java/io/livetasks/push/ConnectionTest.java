package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    /** A transport whose sends complete only when the test says so, like a slow network. */
    private static final class ManualConnection extends Connection {
        final List<String> onWire = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int inFlight;
        int maxInFlight;
        String closedWith;

        ManualConnection(int capacity) {
            super("alice", capacity);
        }

        @Override
        protected synchronized void transmit(Message message, Consumer<Throwable> done) {
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

        @Override
        protected void disconnect(String reason) {
            closedWith = reason;
        }
    }

    private static Message versioned(long version, boolean last, String json) {
        return new Message("t", json, version, last);
    }

    @Test
    void shouldKeepAtMostOneSendInFlightAndPreserveOrder() {
        ManualConnection connection = new ManualConnection(10);
        connection.offer(Message.of("t", "1"));
        connection.offer(Message.of("t", "2"));
        connection.offer(Message.of("t", "3"));

        assertThat(connection.onWire).containsExactly("1");
        connection.completeNext();
        connection.completeNext();
        connection.completeNext();

        assertThat(connection.onWire).containsExactly("1", "2", "3");
        assertThat(connection.maxInFlight).isEqualTo(1);
        assertThat(connection.queued()).isZero();
    }

    @Test
    void shouldSkipVersionsAlreadyDelivered() {
        ManualConnection connection = new ManualConnection(10);
        connection.advanceTo(5);
        connection.offer(versioned(5, true, "old"));
        connection.offer(versioned(6, false, "6a"));
        connection.offer(versioned(6, true, "6b"));
        connection.offer(versioned(6, true, "6 again"));
        while (!connection.pending.isEmpty()) {
            connection.completeNext();
        }

        assertThat(connection.onWire).containsExactly("6a", "6b");
        assertThat(connection.deliveredThrough()).isEqualTo(6);
    }

    @Test
    void shouldCloseASlowConsumerInsteadOfQueueingWithoutBound() {
        ManualConnection connection = new ManualConnection(2);
        List<String> closes = new ArrayList<>();
        connection.onClose(() -> closes.add("closed"));

        assertThat(connection.offer(Message.of("t", "in flight"))).isTrue();
        assertThat(connection.offer(Message.of("t", "queued 1"))).isTrue();
        assertThat(connection.offer(Message.of("t", "queued 2"))).isTrue();
        assertThat(connection.offer(Message.of("t", "overflow"))).isFalse();

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo(Connection.SLOW_CONSUMER);
        assertThat(closes).containsExactly("closed");
        assertThat(connection.offer(Message.of("t", "after close"))).isFalse();
    }

    @Test
    void shouldFinishOnlyAfterTheQueueDrained() {
        ManualConnection connection = new ManualConnection(10);
        connection.offer(Message.of("t", "resync"));
        connection.finish("resync");
        assertThat(connection.isClosed()).isFalse();

        connection.completeNext();

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo("resync");
    }

    @Test
    void shouldCloseWhenASendFails() {
        ManualConnection connection = new ManualConnection(10);
        connection.offer(Message.of("t", "x"));
        connection.pending.remove(0).accept(new java.io.IOException("broken pipe"));

        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void shouldQueueAWholeReplayLargerThanTheCapacityAndSendItInOrder() {
        ManualConnection connection = new ManualConnection(2);
        List<Message> replay = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            replay.add(versioned(v, true, "r" + v));
        }

        assertThat(connection.replay(replay)).isTrue();
        for (int i = 0; i < 4; i++) {
            connection.completeNext();
        }

        assertThat(connection.isClosed()).isFalse();
        assertThat(connection.onWire).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(connection.deliveredThrough()).isEqualTo(5);
    }

    @Test
    void shouldCountOnlyLiveMessagesAgainstTheCapacityAfterAReplay() {
        ManualConnection connection = new ManualConnection(2);
        connection.replay(List.of(versioned(1, true, "r1"), versioned(2, true, "r2"), versioned(3, true, "r3")));

        assertThat(connection.offer(versioned(4, true, "live4"))).isTrue();
        assertThat(connection.offer(versioned(5, true, "live5"))).isTrue();
        assertThat(connection.isClosed()).isFalse();
        assertThat(connection.offer(versioned(6, true, "live6"))).as("the client still does not read").isFalse();

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo(Connection.SLOW_CONSUMER);
    }

    @Test
    void shouldSkipReplayedVersionsAtOrBelowTheResumePoint() {
        ManualConnection connection = new ManualConnection(10);
        connection.advanceTo(2);

        connection.replay(List.of(versioned(2, true, "r2"), versioned(3, false, "r3a"), versioned(3, true, "r3b")));
        connection.completeNext();
        connection.completeNext();

        assertThat(connection.onWire).containsExactly("r3a", "r3b");
    }
}
