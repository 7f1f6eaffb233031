package io.livetasks.task.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.push.Connection;
import io.livetasks.push.Hub;
import io.livetasks.push.Message;
import io.livetasks.push.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PresenceBroadcasterTest {

    private final RecordingPresenceStore store = new RecordingPresenceStore();
    private final Hub hub = new Hub(100);
    private final QueueingExecutor executor = new QueueingExecutor();
    private final PresenceBroadcaster broadcaster = new PresenceBroadcaster(store, hub, new ListMessages(new EventJson()), executor);

    /** A stream that keeps what it was sent. */
    private static final class Stream extends Connection {
        final List<String> sent = new CopyOnWriteArrayList<>();

        Stream(String user) {
            super(user, 100);
        }

        @Override
        public String transportName() {
            return "test";
        }

        @Override
        protected void transmit(Message message, Consumer<Throwable> done) {
            sent.add(message.target() + " " + message.json());
            done.accept(null);
        }

        @Override
        protected void disconnect(String reason) {
        }
    }

    private Stream joined(long listId, String user, boolean listening) {
        Stream stream = new Stream(user);
        hub.add(stream);
        hub.join(TaskEvent.group(listId), stream.subscription());
        if (listening) {
            broadcaster.listen(listId, stream.subscription());
        }
        return stream;
    }

    @Test
    void shouldReadAChangedListOnceForAllItsListeners() {
        store.add(7, "alice", "a");
        Stream first = joined(7, "alice", true);
        Stream second = joined(7, "bob", true);
        executor.runAll();
        first.sent.clear();
        second.sent.clear();
        store.reads.set(0);

        broadcaster.changed(7);
        broadcaster.changed(7);
        executor.runAll();

        assertThat(store.reads).as("one read per changed list per round").hasValue(1);
        assertThat(first.sent).singleElement().asString().startsWith("presence ")
                .contains("\"action\":\"presence\"").contains("\"listId\":7").contains("\"user\":\"alice\"")
                .doesNotContain("\"version\"");
        assertThat(second.sent).isEqualTo(first.sent);
    }

    @Test
    void shouldSendTheViewersToASubscriptionThatJustJoined() {
        store.add(7, "bob", "b");

        Stream stream = joined(7, "alice", true);
        executor.runAll();

        assertThat(stream.sent).singleElement().asString().contains("\"user\":\"bob\"");
    }

    @Test
    void shouldSendNothingToStreamsThatDidNotAskOrToOtherLists() {
        Stream notAsking = joined(7, "alice", false);
        Stream otherList = joined(8, "alice", true);
        executor.runAll();
        otherList.sent.clear();

        broadcaster.changed(7);
        executor.runAll();

        assertThat(notAsking.sent).isEmpty();
        assertThat(otherList.sent).isEmpty();
    }

    @Test
    void shouldSendNothingToASubscriptionThatLeftTheGroup() {
        Stream revoked = joined(7, "bob", true);
        executor.runAll();
        revoked.sent.clear();

        hub.leave(TaskEvent.group(7), revoked.subscription()); // what a revocation does first

        broadcaster.changed(7);
        executor.runAll();
        assertThat(revoked.sent).isEmpty();
    }

    @Test
    void shouldForgetAListenerWhenItEnds() {
        Stream plain = joined(7, "alice", true);
        Stream signalR = new Stream("bob");
        hub.add(signalR);
        Subscription list = new Subscription(signalR);
        hub.join(TaskEvent.group(7), list);
        broadcaster.listen(7, list);
        assertThat(broadcaster.listeners()).isEqualTo(2);

        plain.close("closed by client");
        list.close();

        assertThat(broadcaster.listeners()).isZero();
    }

    @Test
    void shouldTryAgainWhenTheViewersCannotBeRead() {
        Stream stream = joined(7, "alice", true);
        store.failing = true;
        executor.runAll();
        assertThat(stream.sent).isEmpty();

        store.failing = false;
        executor.runScheduled(); // the retry, a second later
        assertThat(stream.sent).hasSize(1);
    }
}
