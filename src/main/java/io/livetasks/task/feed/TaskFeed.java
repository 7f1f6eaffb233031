package io.livetasks.task.feed;

import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.ChangePoller;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.Version;
import io.livetasks.task.ListChange;
import io.livetasks.task.TaskEvents;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The change feed's life in this server: at start-up it creates the {@link ChangeFeed} over every tracked
 * table and starts its {@link ChangePoller} on the container's managed scheduled executor; it stops it at
 * shutdown. As {@link TaskEvents} it polls at once after a local commit.
 */
@ApplicationScoped
public class TaskFeed implements TaskEvents {

    private static final Logger LOG = Logger.getLogger(TaskFeed.class.getName());

    private final ChangeSource<ListChange> source;
    private final ListPublisher publisher;
    private final ManagedScheduledExecutorService executor;
    private final Duration pollInterval;
    private final int logCapacity;
    private final int replayLimit;
    private final int replayReaders;
    private final Duration replayWait;
    private final ChangePoller.Observer pollObserver;
    private ChangeFeed<ListChange> feed;
    private ChangePoller<ListChange> poller;

    @Inject
    public TaskFeed(ChangeSource<ListChange> source, ListPublisher publisher, ManagedScheduledExecutorService executor,
                    @ConfigProperty(name = "livetasks.poll.interval.ms", defaultValue = "250") long pollIntervalMs,
                    @ConfigProperty(name = "livetasks.changelog.capacity", defaultValue = "10000") int logCapacity,
                    @ConfigProperty(name = "livetasks.replay.max-changes", defaultValue = "10000") int replayLimit,
                    @ConfigProperty(name = "livetasks.replay.concurrency", defaultValue = "4") int replayReaders,
                    @ConfigProperty(name = "livetasks.replay.wait.ms", defaultValue = "10000") long replayWaitMs,
                    PollMetrics pollMetrics) {
        this.source = source;
        this.publisher = publisher;
        this.executor = executor;
        this.pollInterval = Duration.ofMillis(pollIntervalMs);
        this.logCapacity = logCapacity;
        this.replayLimit = replayLimit;
        this.replayReaders = Math.max(1, replayReaders);
        this.replayWait = Duration.ofMillis(Math.max(0, replayWaitMs));
        this.pollObserver = pollMetrics;
    }

    /** For the CDI proxy only. */
    protected TaskFeed() {
        this(null, null, null, 250, 1, 1, 1, 0, null);
    }

    void onStart(@Observes Startup startup) {
        poller();
    }

    private synchronized void start() {
        if (poller != null) {
            return;
        }
        Version startVersion;
        try {
            startVersion = source.currentVersion();
        } catch (SQLException e) {
            // The poller cannot begin without knowing where "now" is; clients resume from their own versions anyway.
            LOG.log(Level.WARNING, "Database unreachable at start-up; the change feed starts from version 0", e);
            startVersion = Version.ZERO;
        }
        feed = new ChangeFeed<>(source, publisher, ListChange::listId, logCapacity, replayLimit, replayReaders, replayWait,
                startVersion);
        poller = new ChangePoller<>(source, feed, executor, pollInterval, Clock.systemUTC());
        if (pollObserver != null) {
            poller.observe(pollObserver);
        }
        poller.start();
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** Polls right away, so the writer's own instance does not wait for the next tick. */
    @Override
    public void committed() {
        poller().nudge();
    }

    /** The version up to which changes have been published to clients. */
    public Version head() {
        return feed().head();
    }

    public synchronized ChangePoller<ListChange> poller() {
        start();
        return poller;
    }

    synchronized ChangeFeed<ListChange> feed() {
        start();
        return feed;
    }
}
