package io.livetasks.changefeed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the change source once per tick, whatever the number of clients, and feeds what it finds to the
 * {@link ChangeFeed}. One per server instance, on the container's managed scheduled executor.
 *
 * <p>It never dies: {@link #tick()} catches everything, as one escaped exception would cancel the schedule.
 * While the database is unreachable it backs off and logs once per outage, not once per tick.
 * {@link #nudge()} runs a tick right away (after a local commit), without ever running two at once.
 */
public final class ChangePoller<T> {

    /** Told about every poll, e.g. to publish metrics; must be fast and must not throw. */
    public interface Observer {
        /** A poll read {@code changes} row changes (0 when nothing changed) in {@code nanos}. */
        void polled(long nanos, int changes);

        /** A poll failed after {@code nanos}. */
        void failed(long nanos);
    }

    private static final Observer NO_OBSERVER = new Observer() {
        @Override
        public void polled(long nanos, int changes) {
        }

        @Override
        public void failed(long nanos) {
        }
    };

    private static final Logger LOG = Logger.getLogger(ChangePoller.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ChangeSource<T> source;
    private final ChangeFeed<T> feed;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final Clock clock;
    private final ReentrantLock tickLock = new ReentrantLock();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile ScheduledFuture<?> schedule;
    private volatile Instant outageSince;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile Duration backoff = Duration.ZERO;
    private volatile Instant lastSuccess;
    private volatile Observer observer = NO_OBSERVER;
    private final String name;

    /** A poller of the feed the log names "Change feed". */
    public ChangePoller(ChangeSource<T> source, ChangeFeed<T> feed, ScheduledExecutorService executor, Duration interval,
                        Clock clock) {
        this("Change feed", source, feed, executor, interval, clock);
    }

    /**
     * @param name  how the log names this feed ("Change feed unreachable", ...): an instance may poll several
     * @param clock the time backoff and health are measured in (tests move it instead of sleeping)
     */
    public ChangePoller(String name, ChangeSource<T> source, ChangeFeed<T> feed, ScheduledExecutorService executor,
                        Duration interval, Clock clock) {
        this.name = name;
        this.source = source;
        this.feed = feed;
        this.executor = executor;
        this.interval = interval;
        this.clock = clock;
    }

    public void start() {
        schedule = executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "{2} poller started: every {0} ms from version {1}", new Object[] {interval.toMillis(), feed.head(), name});
    }

    public void stop() {
        ScheduledFuture<?> running = schedule;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Sets who is told about each poll (one observer; replaces an earlier one). */
    public void observe(Observer observer) {
        this.observer = observer;
    }

    /** Asks for a tick as soon as possible (e.g. right after a commit through the API). */
    public void nudge() {
        nudged.set(true);
        if (!tickLock.isLocked()) {
            try {
                executor.execute(this::tick);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Nudge not scheduled; the next tick will pick it up", e);
            }
        }
    }

    /** One poll; safe to call from any thread, never throws. A nudge during a poll causes one more poll. */
    public void tick() {
        if (!tickLock.tryLock()) {
            return;
        }
        try {
            do {
                nudged.set(false);
                pollOnce();
            } while (nudged.get() && outageSince == null);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "Unexpected error in the change poller; it keeps running", t);
        } finally {
            tickLock.unlock();
        }
        if (nudged.get() && outageSince == null) {
            // A nudge arrived after the last poll began but saw the lock still held: poll once more for it.
            nudge();
        }
    }

    private void pollOnce() {
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return;
        }
        long started = System.nanoTime();
        try {
            polls.incrementAndGet();
            ChangeBatch<T> batch = source.changesSince(feed.head());
            int read = 0;
            if (batch.toVersion().isAfter(feed.head())) {
                feed.accept(batch);
                read = batch.changes().size();
                changes.addAndGet(read);
            }
            if (batch.partial()) {
                // One page of a longer backlog (after an outage): read the next page in this tick.
                nudged.set(true);
            }
            recovered();
            observer.polled(System.nanoTime() - started, read);
        } catch (VersionTooOldException e) {
            LOG.log(Level.WARNING, "The change feed fell below the database''s min valid version ({0}); clients will resync",
                    e.getMessage());
            restartFromCurrentVersion();
        } catch (VersionAheadException e) {
            LOG.log(Level.WARNING, "The database''s change version went back ({0}): was it restored or reset? Clients will resync",
                    e.getMessage());
            restartFromCurrentVersion();
        } catch (Exception e) {
            failed(now, e);
            observer.failed(System.nanoTime() - started);
        }
    }

    /**
     * Starts over at the larger of the current and the min valid version: after a {@code TRUNCATE} or
     * change tracking turned off and on again, min valid can be above current, and a feed reset to current
     * would stay below it, fail the next poll again and make every client resync on every poll.
     */
    private void restartFromCurrentVersion() {
        try {
            feed.reset(source.currentVersion().max(source.minValidVersion()));
            recovered();
        } catch (Exception e) {
            failed(clock.instant(), e);
        }
    }

    private void recovered() {
        lastSuccess = clock.instant();
        if (outageSince != null) {
            LOG.log(Level.INFO, "{2} reachable again after {0} ms; catching up from version {1}",
                    new Object[] {Duration.between(outageSince, lastSuccess).toMillis(), feed.head(), name});
            outageSince = null;
        }
        backoff = Duration.ZERO;
        nextAttempt = Instant.MIN;
    }

    private void failed(Instant now, Exception e) {
        failures.incrementAndGet();
        if (outageSince == null) {
            outageSince = now;
            LOG.log(Level.WARNING, name + " unreachable, retrying with backoff: " + e, e);
        } else {
            LOG.log(Level.FINE, "{1} still unreachable: {0}", new Object[] {e.toString(), name});
        }
        Duration doubled = backoff.isZero() ? interval : backoff.multipliedBy(2);
        backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        nextAttempt = now.plus(backoff);
    }

    /** True while the last poll succeeded. */
    public boolean isHealthy() {
        return outageSince == null && lastSuccess != null;
    }

    public Instant outageSince() {
        return outageSince;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public long polls() {
        return polls.get();
    }

    public long changes() {
        return changes.get();
    }

    public long failures() {
        return failures.get();
    }
}
