package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Version;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static Message versioned(long version, boolean last, String json) {
        return Message.versioned("t", json, Version.of(version), last);
    }

    private static List<Message> versions(long from, long to) {
        List<Message> messages = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            messages.add(versioned(v, true, "r" + v));
        }
        return messages;
    }

    @Test
    void shouldSkipVersionsAlreadyDelivered() {
        ManualConnection connection = new ManualConnection(10);
        Subscription subscription = connection.subscription();
        subscription.advanceTo(Version.of(5));
        subscription.offer(versioned(5, true, "old"));
        subscription.offer(versioned(6, false, "6a"));
        subscription.offer(versioned(6, true, "6b"));
        subscription.offer(versioned(6, true, "6 again"));
        connection.completeAll();

        assertThat(connection.onWire).containsExactly("6a", "6b");
        assertThat(subscription.deliveredThrough()).isEqualTo(Version.of(6));
    }

    @Test
    void shouldSkipReplayedVersionsAtOrBelowTheResumePoint() {
        ManualConnection connection = new ManualConnection(10);
        Subscription subscription = connection.subscription();
        subscription.advanceTo(Version.of(2));

        subscription.replay(List.of(versioned(2, true, "r2"), versioned(3, false, "r3a"), versioned(3, true, "r3b")));
        connection.completeAll();

        assertThat(connection.onWire).containsExactly("r3a", "r3b");
    }

    @Test
    void shouldKeepTheConnectionThroughAReplayLargerThanTheCapacity() {
        ManualConnection connection = new ManualConnection(2);
        Subscription subscription = connection.subscription();

        assertThat(subscription.replay(versions(1, 5))).isTrue();
        connection.completeAll();

        assertThat(connection.isClosed()).isFalse();
        assertThat(connection.onWire).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(subscription.deliveredThrough()).isEqualTo(Version.of(5));
    }

    @Test
    void shouldCloseTheConnectionWhenLiveMessagesOverflowAfterAReplay() {
        ManualConnection connection = new ManualConnection(2);
        Subscription subscription = connection.subscription();
        subscription.replay(versions(1, 3));

        assertThat(subscription.offer(versioned(4, true, "live4"))).isTrue();
        assertThat(subscription.offer(versioned(5, true, "live5"))).isTrue();
        assertThat(subscription.offer(versioned(6, true, "live6"))).as("the client still does not read").isFalse();

        assertThat(connection.isClosed()).isTrue();
        assertThat(subscription.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo(Connection.SLOW_CONSUMER);
    }

    @Test
    void shouldKeepOneCursorPerSubscriptionOfAConnection() {
        ManualConnection connection = new ManualConnection(10);
        Subscription listA = new Subscription(connection);
        Subscription listB = new Subscription(connection);

        listA.offer(versioned(10, true, "a10"));
        listB.offer(versioned(5, true, "b5"));
        listA.offer(versioned(10, true, "a10 again"));
        connection.completeAll();

        assertThat(connection.onWire).containsExactly("a10", "b5");
    }

    @Test
    void shouldRefuseMessagesOnceClosedWhileTheConnectionStaysOpen() {
        ManualConnection connection = new ManualConnection(10);
        Subscription subscription = new Subscription(connection);
        List<String> closes = new ArrayList<>();
        subscription.onClose(() -> closes.add("closed"));

        subscription.close();
        subscription.close();

        assertThat(subscription.offer(Message.of("t", "x"))).isFalse();
        assertThat(subscription.replay(List.of(Message.of("t", "y")))).isFalse();
        assertThat(closes).containsExactly("closed");
        assertThat(connection.isClosed()).isFalse();
        assertThat(connection.onWire).isEmpty();
    }

    @Test
    void shouldLabelAKeepAliveThatFallsDueBeforeTheApplicationDescribedThem() {
        ManualConnection connection = new ManualConnection(10);
        Subscription subscription = connection.subscription();
        subscription.advanceTo(Version.of(7));

        assertThat(subscription.keepAlive().json()).isEqualTo("{\"action\":\"keepAlive\",\"version\":7}");

        subscription.describeKeepAlives(version -> "{\"action\":\"keepAlive\",\"listId\":1,\"version\":" + version.value() + "}");
        assertThat(subscription.keepAlive().json()).isEqualTo("{\"action\":\"keepAlive\",\"listId\":1,\"version\":7}");
    }
}
