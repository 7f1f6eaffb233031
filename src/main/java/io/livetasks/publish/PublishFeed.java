package io.livetasks.publish;

import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.ChangePoller;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.Version;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox's change feed in this server: when the publish API is on, a {@link ChangePoller} of its own reads
 * new outbox rows every poll interval (the same {@code livetasks.poll.interval.ms} as the list feed) and hands
 * them to the {@link PublishRouter}; after a local append it polls at once. A commit on another instance
 * therefore reaches this one's clients within about one poll interval. Also deletes outbox rows older than
 * {@code livetasks.publish.outbox.retention.seconds} once a minute: by then every running instance has
 * applied them, and an instance that starts later begins at the current version anyway.
 */
@ApplicationScoped
public class PublishFeed {

    private static final Logger LOG = Logger.getLogger(PublishFeed.class.getName());
    private static final long CLEANUP_EVERY_SECONDS = 60;

    private final ChangeSource<PublishCommand> source;
    private final PublishRouter router;
    private final PublishOutbox outbox;
    private final AccessKeys keys;
    private final ManagedScheduledExecutorService executor;
    private final Duration pollInterval;
    private final Duration retention;
    private ChangePoller<PublishCommand> poller;
    private ScheduledFuture<?> cleanup;

    @Inject
    public PublishFeed(ChangeSource<PublishCommand> source, PublishRouter router, PublishOutbox outbox, AccessKeys keys,
                       ManagedScheduledExecutorService executor,
                       @ConfigProperty(name = "livetasks.poll.interval.ms", defaultValue = "250") long pollIntervalMs,
                       @ConfigProperty(name = "livetasks.publish.outbox.retention.seconds", defaultValue = "600") long retentionSeconds) {
        this.source = source;
        this.router = router;
        this.outbox = outbox;
        this.keys = keys;
        this.executor = executor;
        this.pollInterval = Duration.ofMillis(pollIntervalMs);
        this.retention = Duration.ofSeconds(retentionSeconds);
    }

    /** For the CDI proxy only. */
    protected PublishFeed() {
        this(null, null, null, null, null, 250, 600);
    }

    void onStart(@Observes Startup startup) {
        if (keys.configured()) {
            poller();
        }
    }

    private synchronized ChangePoller<PublishCommand> poller() {
        if (poller == null) {
            Version start;
            try {
                start = source.currentVersion();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "Database unreachable at start-up; the publish feed starts from version 0", e);
                start = Version.ZERO;
            }
            ChangeFeed<PublishCommand> feed = new ChangeFeed<>(source, router, command -> 0L, 1, start);
            poller = new ChangePoller<>("Publish feed", source, feed, executor, pollInterval, Clock.systemUTC());
            poller.start();
            cleanup = executor.scheduleWithFixedDelay(this::cleanup, CLEANUP_EVERY_SECONDS, CLEANUP_EVERY_SECONDS, TimeUnit.SECONDS);
        }
        return poller;
    }

    /** Polls right away: a command appended here reaches this instance's clients without waiting for the tick. */
    public void appended() {
        poller().nudge();
    }

    private void cleanup() {
        try {
            int deleted = outbox.deleteOlderThan(retention);
            LOG.log(Level.FINE, "Deleted {0} publish outbox rows", deleted);
        } catch (SQLException | RuntimeException e) {
            // One uncaught exception would cancel the schedule: log and try again next time.
            LOG.log(Level.WARNING, "Publish outbox cleanup failed", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (cleanup != null) {
            cleanup.cancel(false);
        }
        if (poller != null) {
            poller.stop();
        }
    }
}
