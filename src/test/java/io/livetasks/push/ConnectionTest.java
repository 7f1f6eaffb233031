package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    @Test
    void shouldCloseOnceAndRunItsCloseActions() {
        ManualConnection connection = new ManualConnection(10);
        List<String> closes = new ArrayList<>();
        connection.onClose(() -> closes.add("closed"));

        connection.close("bye");
        connection.close("again");

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo("bye");
        assertThat(closes).containsExactly("closed");
        assertThat(connection.offer(Message.of("t", "after close"))).isFalse();
        assertThat(connection.subscription().isClosed()).isTrue();
    }

    @Test
    void shouldBeClosedAsASlowConsumerWhenItsOutboxOverflows() {
        ManualConnection connection = new ManualConnection(1);

        connection.offer(Message.of("t", "in flight"));
        connection.offer(Message.of("t", "queued"));
        assertThat(connection.offer(Message.of("t", "overflow"))).isFalse();

        assertThat(connection.closedWith).isEqualTo(Connection.SLOW_CONSUMER);
    }

    @Test
    void shouldFinishOnlyAfterTheQueueDrained() {
        ManualConnection connection = new ManualConnection(10);
        connection.offer(Message.of("t", "resync"));
        connection.finish("resync");
        assertThat(connection.isClosed()).isFalse();

        connection.completeAll();

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo("resync");
    }

    private static final long TIMEOUT = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    @Test
    void shouldSendAKeepAliveOnlyWhenNothingElseIsOnItsWay() {
        ManualConnection connection = new ManualConnection(10, true);

        connection.keepAlive(System.nanoTime(), TIMEOUT);
        connection.completeAll();
        connection.offer(Message.of("t", "busy"));
        connection.keepAlive(System.nanoTime(), TIMEOUT);

        assertThat(connection.onWire).containsExactly("(keep-alive) {\"action\":\"keepAlive\",\"version\":0}", "busy");
        assertThat(connection.isClosed()).isFalse();
    }

    @Test
    void shouldCarryTheVersionDeliveredCompletelyInAKeepAliveQueuedBehindWhatItCounts() {
        ManualConnection connection = new ManualConnection(10, true);
        Subscription stream = connection.subscription();
        stream.describeKeepAlives(version -> "alive at " + version.value());
        stream.offer(Message.versioned("t", "v5 first of two", io.livetasks.changefeed.Version.of(5), false));
        connection.completeAll();

        connection.keepAlive(System.nanoTime(), TIMEOUT);
        stream.offer(Message.versioned("t", "v5 second of two", io.livetasks.changefeed.Version.of(5), true));
        connection.completeAll();
        stream.advanceTo(io.livetasks.changefeed.Version.of(9)); // a batch that did not touch this stream
        connection.keepAlive(System.nanoTime(), TIMEOUT);
        connection.completeAll();

        assertThat(connection.onWire).containsExactly("v5 first of two", "(keep-alive) alive at 0", "v5 second of two",
                "(keep-alive) alive at 9");
    }

    @Test
    void shouldCloseAConnectionWhoseSendStalledPastTheTimeout() {
        ManualConnection connection = new ManualConnection(10, true);
        connection.offer(Message.of("t", "never completes"));

        connection.keepAlive(System.nanoTime(), TIMEOUT);
        assertThat(connection.isClosed()).as("within the timeout").isFalse();
        connection.keepAlive(System.nanoTime() + TIMEOUT + 1, TIMEOUT);

        assertThat(connection.closedWith).isEqualTo(Connection.STALLED);
    }

    @Test
    void shouldLeaveConnectionsWithTheirOwnPingsAlone() {
        ManualConnection signalR = new ManualConnection(10, false);
        signalR.offer(Message.of("t", "in flight"));

        signalR.keepAlive(System.nanoTime() + TIMEOUT * 10, TIMEOUT);

        assertThat(signalR.onWire).containsExactly("in flight");
        assertThat(signalR.isClosed()).isFalse();
    }
}
