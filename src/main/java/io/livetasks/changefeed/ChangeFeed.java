package io.livetasks.changefeed;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where polled changes enter the application: keeps the recent ones in a {@link ChangeLog}, hands every
 * batch to the {@link Publisher}, and lets subscribers join one partition (in livetasks: one list) from a
 * version without gap or overlap.
 *
 * <p>Live publishing and the hand-over from replay to live ({@link Subscriber#attach()}) happen under one
 * lock, so a subscriber sees every version after its resume point exactly once, in order. Reading from
 * the database (when the log no longer reaches back) happens outside the lock.
 */
public final class ChangeFeed<T> {

    /** Receives every batch, in version order, while the feed's lock is held: must not block. */
    public interface Publisher<T> {
        void publish(ChangeBatch<T> batch);

        /** The feed lost continuity (it could not read the changes after its head): everyone must reload. */
        void resyncAll(Version newVersion);
    }

    /** One client joining from a version. Callbacks run in order: {@code replay}*, then {@code attach} or {@code resync}. */
    public interface Subscriber<T> {
        /** Changes after the resume point, complete up to and including {@code upToVersion}. */
        void replay(List<Change<T>> changes, Version upToVersion);

        /** Called under the feed's lock: from now on the subscriber receives live batches. Must not block. */
        void attach();

        /** The resume point is older than anything the log or the database still holds. */
        void resync(Version minValidVersion);
    }

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());

    private final ChangeSource<T> source;
    private final Publisher<T> publisher;
    private final ToLongFunction<? super T> keyOf;
    private final int logCapacity;
    private final int replayLimit;
    private final Semaphore replayReaders;
    private final Duration replayWait;
    private ChangeLog<T> log;

    /** @param keyOf the partition key of a payload, the one {@link ChangeSource#changesSince(Version, long)} filters on */
    public ChangeFeed(ChangeSource<T> source, Publisher<T> publisher, ToLongFunction<? super T> keyOf, int logCapacity,
                      Version startVersion) {
        // No replay limit; one below the maximum, as a source may read one change past the limit to detect it.
        this(source, publisher, keyOf, logCapacity, Integer.MAX_VALUE - 1, startVersion);
    }

    /**
     * @param replayLimit the most changes one resume reads from the database; a client further behind is told
     *                    to resync (its replay would cost more than reloading the list)
     */
    public ChangeFeed(ChangeSource<T> source, Publisher<T> publisher, ToLongFunction<? super T> keyOf, int logCapacity,
                      int replayLimit, Version startVersion) {
        this(source, publisher, keyOf, logCapacity, replayLimit, Integer.MAX_VALUE, Duration.ZERO, startVersion);
    }

    /**
     * @param replayLimit   the most changes one resume replays; a client further behind is told to resync (its
     *                      replay would cost more than reloading the list)
     * @param replayReaders how many resumes may read the database at the same time, at least 1
     * @param replayWait    how long a resume waits for its turn to read the database before it is told to resync
     */
    public ChangeFeed(ChangeSource<T> source, Publisher<T> publisher, ToLongFunction<? super T> keyOf, int logCapacity,
                      int replayLimit, int replayReaders, Duration replayWait, Version startVersion) {
        if (replayReaders < 1) {
            throw new IllegalArgumentException("replayReaders must be at least 1: " + replayReaders);
        }
        this.replayLimit = replayLimit;
        this.replayReaders = new Semaphore(replayReaders, true);
        this.replayWait = replayWait;
        this.source = source;
        this.publisher = publisher;
        this.keyOf = keyOf;
        this.logCapacity = logCapacity;
        this.log = new ChangeLog<>(logCapacity, startVersion);
    }

    /** The version up to which every change has been published. */
    public synchronized Version head() {
        return log.head();
    }

    /** Records and publishes a batch that continues from {@link #head()}. */
    public synchronized void accept(ChangeBatch<T> batch) {
        log.append(batch);
        publisher.publish(batch);
    }

    /** Starts over at {@code version}: the log is emptied and every subscriber is told to resync. */
    public synchronized void reset(Version version) {
        log = new ChangeLog<>(logCapacity, version);
        publisher.resyncAll(version);
    }

    /**
     * Replays the changes of partition {@code key} after {@code sinceVersion} (from the log, or from the
     * database when the log no longer reaches back), then attaches the subscriber to live changes; or tells
     * it to resync when the database no longer holds that version either.
     */
    public void subscribe(Version sinceVersion, long key, Subscriber<T> subscriber) throws SQLException {
        Version from = sinceVersion;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (from.isAfter(head())) {
                // The client read a snapshot the poller has not caught up with yet; it must exist in the database.
                Version current = source.currentVersion();
                if (from.isAfter(current)) {
                    LOG.log(Level.FINE, "Resume from {0} is ahead of the database ({1})", new Object[] {from, current});
                    subscriber.resync(current);
                    return;
                }
            }
            synchronized (this) {
                if (!from.isBefore(log.head())) {
                    // Nothing published after it yet; later live changes at or below it are the subscriber's to skip.
                    subscriber.attach();
                    return;
                }
                Optional<List<Change<T>>> fromLog = log.since(from, payload -> keyOf.applyAsLong(payload) == key);
                if (fromLog.isPresent() && fromLog.get().size() > replayLimit) {
                    LOG.log(Level.FINE, "Resume from {0} is too far behind: {1} changes in the log", new Object[] {from,
                            fromLog.get().size()});
                    subscriber.resync(log.head());
                    return;
                }
                if (fromLog.isPresent()) {
                    subscriber.replay(fromLog.get(), log.head());
                    subscriber.attach();
                    return;
                }
            }
            ChangeBatch<T> batch;
            if (!awaitReplayTurn()) {
                LOG.log(Level.FINE, "Resume from {0}: no database replay slot within {1}", new Object[] {from, replayWait});
                subscriber.resync(head());
                return;
            }
            try {
                batch = source.changesSince(from, key, replayLimit);
            } catch (ReplayTooLargeException e) {
                LOG.log(Level.FINE, "Resume from {0} is too far behind: {1}", new Object[] {from, e.getMessage()});
                subscriber.resync(source.currentVersion());
                return;
            } catch (VersionTooOldException e) {
                LOG.log(Level.FINE, "Resume from {0} is too old: {1}", new Object[] {from, e.getMessage()});
                subscriber.resync(e.minValidVersion());
                return;
            } catch (VersionAheadException e) {
                subscriber.resync(e.currentVersion());
                return;
            } finally {
                replayReaders.release();
            }
            subscriber.replay(batch.changes(), batch.toVersion());
            from = batch.toVersion();
        }
        // The log kept evicting faster than the database could be read: a resync is the honest answer.
        subscriber.resync(from);
    }

    /** Waits for one of the database replay slots; false when none came free in time (or interrupted). */
    private boolean awaitReplayTurn() {
        try {
            return replayReaders.tryAcquire(replayWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
