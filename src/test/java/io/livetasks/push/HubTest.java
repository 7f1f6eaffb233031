package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HubTest {

    private static class RecordingConnection extends Connection {

        @Override
        public String transportName() {
            return "recording";
        }
        final List<String> received = new ArrayList<>();

        RecordingConnection(String user) {
            super(user, 10);
        }

        @Override
        protected void transmit(Message message, Consumer<Throwable> done) {
            received.add(message.json());
            done.accept(null);
        }

        @Override
        protected void disconnect(String reason) {
        }
    }

    /** Takes messages sent to its user, as a SignalR connection does (a plain stream does not). */
    private static final class UserConnection extends RecordingConnection {
        UserConnection(String user) {
            super(user);
        }

        @Override
        protected boolean addressableByUser() {
            return true;
        }
    }

    private final Hub hub = new Hub(10);

    @Test
    void shouldAdvanceOnlyTheSubscriptionsOfTheGroupsAskedFor() {
        RecordingConnection list = new RecordingConnection("alice");
        RecordingConnection other = new RecordingConnection("alice");
        RecordingConnection alone = new RecordingConnection("alice");
        hub.add(list);
        hub.add(other);
        hub.add(alone);
        hub.join("list:1", list.subscription());
        hub.join("publish:x", other.subscription());

        hub.advanceGroups(group -> group.startsWith("list:"), io.livetasks.changefeed.Version.of(12));

        assertThat(list.subscription().deliveredThrough()).isEqualTo(io.livetasks.changefeed.Version.of(12));
        assertThat(other.subscription().deliveredThrough()).isEqualTo(io.livetasks.changefeed.Version.ZERO);
        assertThat(alone.subscription().deliveredThrough()).as("not yet in a group: a replay may be on its way")
                .isEqualTo(io.livetasks.changefeed.Version.ZERO);
    }

    @Test
    void shouldSendToAllToAGroupAndToAUser() {
        RecordingConnection alice = new RecordingConnection("alice");
        RecordingConnection bob = new UserConnection("bob");
        RecordingConnection bobsStream = new RecordingConnection("bob");
        hub.add(alice);
        hub.add(bob);
        hub.add(bobsStream);
        hub.join("list:1", alice.subscription());

        hub.sendToAll(Message.of("t", "all"));
        hub.sendToGroup("list:1", Message.of("t", "group"));
        hub.sendToUser("bob", Message.of("t", "user"));
        hub.sendToGroup("list:2", Message.of("t", "nobody"));

        assertThat(alice.received).containsExactly("all", "group");
        assertThat(bob.received).containsExactly("all", "user");
        assertThat(bobsStream.received).as("a plain stream takes no user messages").containsExactly("all");
    }

    @Test
    void shouldRevokeOnlyTheUsersSubscriptionsOfTheGroupAfterAFarewell() {
        RecordingConnection alice = new RecordingConnection("alice");
        RecordingConnection bob = new RecordingConnection("bob");
        hub.add(alice);
        hub.add(bob);
        hub.join("list:1", alice.subscription());
        hub.join("list:1", bob.subscription());

        int revoked = hub.revoke("list:1", "bob", Message.of("revoked", "bye"));
        hub.sendToGroup("list:1", Message.of("t", "after"));

        assertThat(revoked).isEqualTo(1);
        assertThat(bob.received).containsExactly("bye");
        assertThat(bob.isClosed()).as("a plain stream ends once revoked").isTrue();
        assertThat(alice.received).containsExactly("after");
        assertThat(hub.groupSize("list:1")).isEqualTo(1);
    }

    @Test
    void shouldTellEveryConnectionThatTheServerStopsAndForgetThem() {
        List<String> closedWith = new ArrayList<>();
        for (String user : List.of("alice", "bob")) {
            hub.add(new RecordingConnection(user) {
                @Override
                protected void disconnect(String reason) {
                    closedWith.add(reason);
                }
            });
        }

        hub.shutdown();

        assertThat(closedWith).containsExactly(Hub.SHUTTING_DOWN, Hub.SHUTTING_DOWN);
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void shouldForgetClosedConnectionsAndTheirGroups() {
        RecordingConnection alice = new RecordingConnection("alice");
        hub.add(alice);
        hub.join("list:1", alice.subscription());

        alice.close("bye");

        assertThat(hub.connectionCount()).isZero();
        assertThat(hub.groupSize("list:1")).isZero();
        assertThat(hub.connection(alice.id())).isNull();
    }

    @Test
    void shouldTakeAClosedSubscriptionOutOfItsGroupsAndKeepItsConnection() {
        RecordingConnection alice = new RecordingConnection("alice");
        hub.add(alice);
        Subscription list = new Subscription(alice);
        list.onClose(() -> hub.remove(list));
        hub.join("list:1", list);
        hub.join("list:2", alice.subscription());

        list.close();

        assertThat(hub.groupSize("list:1")).isZero();
        assertThat(hub.groupSize("list:2")).isEqualTo(1);
        assertThat(hub.connection(alice.id())).isSameAs(alice);
    }

    @Test
    void shouldLeaveAGroup() {
        RecordingConnection alice = new RecordingConnection("alice");
        hub.add(alice);
        hub.join("list:1", alice.subscription());
        hub.leave("list:1", alice.subscription());

        hub.sendToGroup("list:1", Message.of("t", "x"));

        assertThat(alice.received).isEmpty();
    }

    @Test
    void shouldNotKeepASubscriptionThatJoinsAfterItsConnectionClosed() {
        RecordingConnection alice = new RecordingConnection("alice");
        hub.add(alice);
        alice.close("bye");

        hub.join("list:1", alice.subscription());

        assertThat(hub.groupSize("list:1")).isZero();
    }

    @Test
    void shouldForgetEveryGroupOfEverySubscriptionOfAClosedConnection() {
        RecordingConnection alice = new RecordingConnection("alice");
        RecordingConnection bob = new RecordingConnection("bob");
        hub.add(alice);
        hub.add(bob);
        Subscription second = new Subscription(alice);
        hub.join("list:1", alice.subscription());
        hub.join("list:2", alice.subscription());
        hub.join("list:2", second);
        hub.join("list:2", bob.subscription());

        alice.close("bye");

        assertThat(hub.groupSize("list:1")).isZero();
        assertThat(hub.groupSize("list:2")).isEqualTo(1);
        hub.sendToGroup("list:2", Message.of("t", "x"));
        assertThat(bob.received).hasSize(1);
    }
}
