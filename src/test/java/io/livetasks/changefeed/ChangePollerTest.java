package io.livetasks.changefeed;

import io.livetasks.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangePollerTest {

    private final InMemoryChangeSource source = new InMemoryChangeSource();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final ChangeFeed<String> feed = new ChangeFeed<>(source, new ChangeFeed.Publisher<>() {
        @Override
        public void publish(ChangeBatch<String> batch) {
            batch.changes().forEach(c -> published.add(c.version() + ":" + c.payload()));
        }

        @Override
        public void resyncAll(Version newVersion) {
            published.add("resyncAll:" + newVersion);
        }
    }, InMemoryChangeSource::keyOf, 100, Version.ZERO);
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void shouldPublishEachCommittedTransactionOnce() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofHours(1), clock);
        source.commit("a", "b");
        poller.tick();
        poller.tick();
        source.commit("c");
        poller.tick();

        assertThat(published).containsExactly("1:a", "1:b", "2:c");
        assertThat(poller.polls()).isEqualTo(3);
        assertThat(poller.changes()).isEqualTo(3);
    }

    @Test
    void shouldSurviveFailuresAndDeliverWhatChangedMeanwhile() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofMillis(1), clock);
        poller.tick();
        source.failWith(() -> new SQLTransientConnectionException("database down"));
        poller.tick();
        assertThat(poller.isHealthy()).isFalse();
        source.commit("during-outage");
        source.failWith(null);
        poller.tick();
        assertThat(poller.isHealthy()).as("still backing off").isFalse();

        clock.advance(Duration.ofMillis(1));
        poller.tick();

        assertThat(poller.isHealthy()).isTrue();
        assertThat(published).containsExactly("1:during-outage");
        assertThat(poller.failures()).isEqualTo(1);
    }

    @Test
    void shouldKeepRunningAfterAnUnexpectedRuntimeException() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofMillis(1), clock);
        source.failWith(() -> new IllegalStateException("bug"));
        poller.tick();
        source.failWith(null);
        source.commit("x");
        clock.advance(Duration.ofMillis(1));

        poller.tick();

        assertThat(published).containsExactly("1:x");
    }

    @Test
    void shouldLogAnOutageOnceNotOncePerTick() {
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ChangePoller.class.getName());
        logger.addHandler(handler);
        try {
            ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ZERO, clock);
            source.failWith(() -> new SQLException("down"));
            for (int i = 0; i < 20; i++) {
                poller.tick();
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(poller.failures()).isGreaterThan(1);
            assertThat(warnings).hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void shouldResetTheFeedWhenItFellBelowTheMinValidVersion() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofHours(1), clock);
        source.commit("a");
        source.commit("b");
        source.minValidVersion(2);

        poller.tick();

        assertThat(published).containsExactly("resyncAll:2");
        assertThat(feed.head()).isEqualTo(Version.of(2));
    }

    @Test
    void shouldResetOnceToTheMinValidVersionWhenItIsAboveTheCurrentOne() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofHours(1), clock);
        source.commit("a");
        poller.tick();
        source.minValidVersion(5); // e.g. after a TRUNCATE: the min valid version passes the current version (1)

        poller.tick();
        poller.tick();
        poller.tick();

        assertThat(published).as("one resync, not one per poll").containsExactly("1:a", "resyncAll:5");
        assertThat(feed.head()).isEqualTo(Version.of(5));
        assertThat(poller.isHealthy()).isTrue();
    }

    @Test
    void shouldReadEveryPageOfABacklogInOneTick() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofHours(1), clock);
        source.pageSize(2);
        source.commit("a");
        source.commit("b", "c", "d");
        source.commit("e");
        source.commit("f");

        poller.tick();

        assertThat(published).containsExactly("1:a", "2:b", "2:c", "2:d", "3:e", "4:f");
        assertThat(poller.polls()).as("pages ending at versions 2, 4").isEqualTo(2);
        assertThat(feed.head()).isEqualTo(Version.of(4));
    }

    @Test
    void shouldResetTheFeedWhenTheDatabaseWentBack() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofHours(1), clock);
        source.commit("a");
        source.commit("b");
        poller.tick();
        source.reset();
        source.commit("after restore");

        poller.tick();
        poller.tick();

        assertThat(published).containsExactly("1:a", "2:b", "resyncAll:1");
        assertThat(feed.head()).isEqualTo(Version.of(1));
    }

    @Test
    void shouldPollRightAwayWhenNudged() {
        ChangePoller<String> poller = new ChangePoller<>(source, feed, executor, Duration.ofHours(1), clock);
        poller.start();
        awaitUntil(() -> poller.polls() >= 1);
        source.commit("nudged");

        poller.nudge();

        awaitUntil(() -> published.contains("1:nudged"));
        poller.stop();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }
}
