package io.livetasks.task.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.push.Connection;
import io.livetasks.push.Message;
import io.livetasks.push.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {

    private static final String INSTANCE = "instance-a";

    private final RecordingPresenceStore store = new RecordingPresenceStore();
    private final QueueingExecutor executor = new QueueingExecutor();
    private final AtomicInteger nudges = new AtomicInteger();
    private final PresenceTracker tracker = new PresenceTracker(store, executor, nudges::incrementAndGet, INSTANCE,
            Duration.ofSeconds(10), null);

    /** A stream of a user, as the transports create them. */
    private static final class Stream extends Connection {
        Stream(String user) {
            super(user, 10);
        }

        @Override
        public String transportName() {
            return "test";
        }

        @Override
        protected void transmit(Message message, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        protected void disconnect(String reason) {
        }
    }

    @Test
    void shouldInsertTheRowWhenTheFirstStreamOfAListAndUserOpens() {
        tracker.view(7, "alice");
        executor.runAll();

        assertThat(store.rows).containsExactly(new RecordingPresenceStore.Row(7, "alice", INSTANCE));
        assertThat(nudges).as("the change feed polls at once").hasValue(1);

        tracker.view(7, "alice");
        executor.runAll();
        assertThat(store.writes).as("a second stream writes nothing").containsExactly("add 7 alice");
    }

    @Test
    void shouldDeleteTheRowOnlyWhenTheLastStreamCloses() {
        Runnable first = tracker.view(7, "alice");
        Runnable second = tracker.view(7, "alice");
        executor.runAll();

        first.run();
        executor.runAll();
        assertThat(store.rows).as("one stream is still open").hasSize(1);

        second.run();
        executor.runAll();
        assertThat(store.rows).isEmpty();
        assertThat(store.writes).containsExactly("add 7 alice", "remove 7 alice");
    }

    @Test
    void shouldCountAStreamClosedTwiceOnce() {
        Runnable first = tracker.view(7, "alice");
        tracker.view(7, "alice");
        executor.runAll();

        first.run();
        first.run();
        executor.runAll();

        assertThat(store.rows).as("the other stream still counts").hasSize(1);
    }

    @Test
    void shouldWriteNothingWhenAStreamLeavesAndRejoinsBeforeTheFlush() {
        Runnable joined = tracker.view(7, "alice");
        executor.runAll();

        joined.run();
        Runnable rejoined = tracker.view(7, "alice");
        executor.runAll();

        assertThat(store.writes).containsExactly("add 7 alice");
        rejoined.run();
        executor.runAll();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void shouldEndTheViewWhenAPlainStreamClosesOrAJoinedListSubscriptionEnds() {
        Stream plain = new Stream("alice");
        tracker.track(7, "alice", plain.subscription());
        Stream signalR = new Stream("bob");
        Subscription joined = new Subscription(signalR);
        tracker.track(7, "bob", joined);
        executor.runAll();
        assertThat(store.rows).hasSize(2);

        plain.close("closed by client");
        joined.close(); // what a SignalR connection does to each joined list as it closes, or when the list is left
        executor.runAll();

        assertThat(store.rows).isEmpty();
        assertThat(tracker.viewing()).isZero();
    }

    @Test
    void shouldNotCountASubscriptionThatClosedBeforeItWasTracked() {
        Stream stream = new Stream("alice");
        stream.close("vanished");

        tracker.track(7, "alice", stream.subscription());
        executor.runAll();

        assertThat(store.writes).isEmpty();
        assertThat(tracker.viewing()).isZero();
    }

    @Test
    void shouldWriteAgainWithTheNextHeartbeatWhatFailedToWrite() {
        store.failing = true;
        tracker.view(7, "alice");
        executor.runAll();
        assertThat(store.rows).isEmpty();

        store.failing = false;
        tracker.beat();

        assertThat(store.rows).containsExactly(new RecordingPresenceStore.Row(7, "alice", INSTANCE));
    }

    @Test
    void shouldWriteEveryRowAgainWhenItsHeartbeatWasGone() {
        tracker.beat();
        tracker.view(7, "alice");
        tracker.view(8, "bob");
        executor.runAll();
        assertThat(store.rows).hasSize(2);

        // Another instance took this one for gone: it deleted its rows and its heartbeat.
        store.rows.clear();
        store.heartbeats.clear();
        tracker.beat();

        assertThat(store.rows).containsExactlyInAnyOrder(new RecordingPresenceStore.Row(7, "alice", INSTANCE),
                new RecordingPresenceStore.Row(8, "bob", INSTANCE));
    }

    @Test
    void shouldKeepHeartBeatingThroughFailures() {
        store.failing = true;
        tracker.beat();
        tracker.beat();

        store.failing = false;
        tracker.beat();

        assertThat(store.heartbeats).containsExactly(INSTANCE);
    }

    @Test
    void shouldDeleteItsRowsWhenStopped() {
        tracker.view(7, "alice");
        executor.runAll();

        tracker.stop();
        tracker.view(8, "alice");
        executor.runAll();

        assertThat(store.rows).isEmpty();
    }

    @Test
    void shouldLeaveExactlyTheRowsOfOpenStreamsAfterConcurrentOpensAndCloses() throws Exception {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        PresenceTracker concurrent = new PresenceTracker(store, writer, () -> { }, INSTANCE, Duration.ofSeconds(10), null);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Runnable>> stillOpen = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                stillOpen.add(clients.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        concurrent.view(i % 5, "user" + (i % 3)).run();
                    }
                    // Each thread leaves one stream open: of list 100 + thread % 2, as alice.
                    return concurrent.view(100 + thread % 2, "alice");
                }));
            }
            List<Runnable> open = new ArrayList<>();
            for (Future<Runnable> future : stillOpen) {
                open.add(future.get(30, TimeUnit.SECONDS));
            }

            // The writer is one thread, first come first served: once this runs, every flush queued before it has.
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertThat(store.rows).containsExactlyInAnyOrder(
                    new RecordingPresenceStore.Row(100, "alice", INSTANCE), new RecordingPresenceStore.Row(101, "alice", INSTANCE));

            open.forEach(Runnable::run);
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertThat(store.rows).isEmpty();
            assertThat(concurrent.viewing()).isZero();
        } finally {
            clients.shutdownNow();
            writer.shutdownNow();
        }
    }
}
