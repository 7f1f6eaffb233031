package io.livetasks.changefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {

    /** Records what a subscriber was given, in order. */
    private static final class Recorder implements ChangeFeed.Subscriber<String> {
        final List<String> events = new ArrayList<>();

        @Override
        public void replay(List<Change<String>> changes, Version upToVersion) {
            changes.forEach(c -> events.add(c.version() + ":" + c.payload()));
            events.add("upTo:" + upToVersion);
        }

        @Override
        public void attach() {
            events.add("attach");
        }

        @Override
        public void resync(Version minValidVersion) {
            events.add("resync:" + minValidVersion);
        }
    }

    private final InMemoryChangeSource source = new InMemoryChangeSource();
    private final List<String> published = new ArrayList<>();
    private final ChangeFeed.Publisher<String> publisher = new ChangeFeed.Publisher<>() {
        @Override
        public void publish(ChangeBatch<String> batch) {
            batch.changes().forEach(c -> published.add(c.version() + ":" + c.payload()));
        }

        @Override
        public void resyncAll(Version newVersion) {
            published.add("resyncAll:" + newVersion);
        }
    };

    @Test
    void shouldReplayFromTheLogThenAttach() throws Exception {
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(0));
        source.commit("a");
        source.commit("b");
        feed.accept(source.changesSince(0));
        int readsBefore = source.reads();

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(1), 0, recorder);

        assertThat(recorder.events).containsExactly("2:b", "upTo:2", "attach");
        assertThat(source.reads()).as("served from memory").isEqualTo(readsBefore);
    }

    @Test
    void shouldReadThePartitionFromTheDatabaseWhenTheLogDoesNotReachBack() throws Exception {
        source.commit("a@1");
        source.commit("b@2");
        source.commit("c@2", "d@1");
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(2));
        feed.accept(source.changesSince(2));

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(0), 2, recorder);

        assertThat(recorder.events).containsExactly("2:b@2", "3:c@2", "upTo:3", "attach");
    }

    @Test
    void shouldReplayOnlyThePartitionFromTheLog() throws Exception {
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(0));
        source.commit("a@1", "b@2");
        source.commit("c@1");
        feed.accept(source.changesSince(0));

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(0), 1, recorder);

        assertThat(recorder.events).containsExactly("1:a@1", "2:c@1", "upTo:2", "attach");
    }

    @Test
    void shouldReplayWhatTheLogHasBeyondTheDatabaseRead() throws Exception {
        source.commit("a");
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(1));
        Recorder recorder = new Recorder();

        feed.subscribe(Version.of(0), 0, recorder);

        assertThat(recorder.events).containsExactly("1:a", "upTo:1", "attach");
    }

    @Test
    void shouldAskForResyncWhenTheVersionIsBelowTheMinValidVersion() throws Exception {
        source.commit("a");
        source.commit("b");
        source.minValidVersion(2);
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(2));

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(1), 0, recorder);

        assertThat(recorder.events).containsExactly("resync:2");
    }

    @Test
    void shouldAttachDirectlyWhenTheClientIsAheadOfTheFeed() throws Exception {
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(0));
        source.commit("a");

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(1), 0, recorder);

        assertThat(recorder.events).containsExactly("attach");
    }

    @Test
    void shouldAskForResyncWhenTheClientIsAheadOfTheDatabase() throws Exception {
        source.commit("a");
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(1));

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(5), 0, recorder);

        assertThat(recorder.events).containsExactly("resync:1");
    }

    @Test
    void shouldPublishAcceptedBatchesAndResetOnRequest() throws Exception {
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, Version.of(0));
        source.commit("a", "b");
        feed.accept(source.changesSince(0));
        feed.reset(Version.of(9));

        assertThat(published).containsExactly("1:a", "1:b", "resyncAll:9");
        assertThat(feed.head()).isEqualTo(Version.of(9));
    }

    @Test
    void shouldAskForResyncInsteadOfReplayingMoreThanTheLimitFromTheDatabase() throws Exception {
        for (int i = 0; i < 5; i++) {
            source.commit("row" + i);
        }
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, 3, Version.of(5));

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(0), 0, recorder);

        assertThat(recorder.events).containsExactly("resync:5");
    }

    @Test
    void shouldReplayUpToTheLimitFromTheDatabase() throws Exception {
        for (int i = 0; i < 3; i++) {
            source.commit("row" + i);
        }
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, 3, Version.of(3));

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(0), 0, recorder);

        assertThat(recorder.events).containsExactly("1:row0", "2:row1", "3:row2", "upTo:3", "attach");
    }

    @Test
    void shouldAskForResyncInsteadOfReplayingMoreThanTheLimitFromTheLog() throws Exception {
        ChangeFeed<String> feed = new ChangeFeed<>(source, publisher, InMemoryChangeSource::keyOf, 100, 3, Version.of(0));
        for (int i = 0; i < 5; i++) {
            source.commit("row" + i);
        }
        feed.accept(source.changesSince(0));
        int readsBefore = source.reads();

        Recorder recorder = new Recorder();
        feed.subscribe(Version.of(0), 0, recorder);

        assertThat(recorder.events).containsExactly("resync:5");
        assertThat(source.reads()).as("decided from memory").isEqualTo(readsBefore);
    }

    @Test
    void shouldLetOnlyTheConfiguredNumberOfResumesReadTheDatabaseAtOnce() throws Exception {
        source.commit("a");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ChangeSource<String> slow = new BlockingSource(source, () -> {
            mostAtOnce.accumulateAndGet(reading.incrementAndGet(), Math::max);
            await(release);
            reading.decrementAndGet();
        });
        ChangeFeed<String> feed = new ChangeFeed<>(slow, publisher, InMemoryChangeSource::keyOf, 100, 100, 2,
                Duration.ofSeconds(30), Version.of(1));
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Recorder>> resumes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                resumes.add(clients.submit(() -> {
                    Recorder recorder = new Recorder();
                    feed.subscribe(Version.of(0), 0, recorder);
                    return recorder;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reading.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(reading.get()).as("two resumes reading").isEqualTo(2);
            release.countDown();
            for (Future<Recorder> resume : resumes) {
                assertThat(resume.get(10, TimeUnit.SECONDS).events).as("every resume got its full replay")
                        .containsExactly("1:a", "upTo:1", "attach");
            }
            assertThat(mostAtOnce.get()).isEqualTo(2);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shouldAskForResyncWhenNoDatabaseReplaySlotComesFreeInTime() throws Exception {
        source.commit("a");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstReading = new CountDownLatch(1);
        ChangeSource<String> slow = new BlockingSource(source, () -> {
            firstReading.countDown();
            await(release);
        });
        ChangeFeed<String> feed = new ChangeFeed<>(slow, publisher, InMemoryChangeSource::keyOf, 100, 100, 1,
                Duration.ofMillis(50), Version.of(1));
        ExecutorService clients = Executors.newSingleThreadExecutor();
        try {
            Future<Recorder> first = clients.submit(() -> {
                Recorder recorder = new Recorder();
                feed.subscribe(Version.of(0), 0, recorder);
                return recorder;
            });
            assertThat(firstReading.await(10, TimeUnit.SECONDS)).isTrue();

            Recorder second = new Recorder();
            feed.subscribe(Version.of(0), 0, second);

            assertThat(second.events).as("told to reload instead of waiting on").containsExactly("resync:1");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).events).containsExactly("1:a", "upTo:1", "attach");
        } finally {
            clients.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A source whose partition reads run {@code whileReading} first (e.g. block until released). */
    private record BlockingSource(InMemoryChangeSource delegate, Runnable whileReading) implements ChangeSource<String> {
        @Override
        public ChangeBatch<String> changesSince(Version afterVersion) throws SQLException {
            return delegate.changesSince(afterVersion);
        }

        @Override
        public ChangeBatch<String> changesSince(Version afterVersion, long key) throws SQLException {
            whileReading.run();
            return delegate.changesSince(afterVersion, key);
        }

        @Override
        public Version currentVersion() throws SQLException {
            return delegate.currentVersion();
        }

        @Override
        public Version minValidVersion() throws SQLException {
            return delegate.minValidVersion();
        }
    }
}
