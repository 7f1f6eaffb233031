package io.livetasks.task;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Safe retries: what an idempotency key already answered, and the purge of old keys.
 *
 * <p>A key is recorded by the write itself, in its transaction ({@link Recording}), so a write is never
 * committed without its key. A request that brings a key finds here, before writing, either nothing (it
 * writes), the first request still in flight (409, {@link IdempotencyKeyInUseException}), the key used for
 * another request (422, {@link IdempotencyKeyReusedException}) or the earlier answer, which it sends again.
 *
 * <p>Keys are kept for {@code livetasks.idempotency.window.hours} (default 24) and purged after that by a
 * task on the container's managed scheduled executor, in bounded batches, so that it never holds the database
 * (or a thread the change poller needs) for long. A key is honoured until it is purged.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class.getName());
    /** Batches one purge run deletes at most (a batch is at most 1,000 keys on SQL Server); the rest waits for the next run. */
    private static final int MAX_BATCHES_PER_RUN = 200;

    private final IdempotencyStore store;
    private final ManagedScheduledExecutorService executor;
    private final Duration window;
    private ScheduledFuture<?> purge;

    @Inject
    public IdempotencyKeys(IdempotencyStore store, ManagedScheduledExecutorService executor,
                           @ConfigProperty(name = "livetasks.idempotency.window.hours", defaultValue = "24") long windowHours) {
        if (windowHours < 1) {
            throw new IllegalArgumentException("livetasks.idempotency.window.hours must be at least 1: " + windowHours);
        }
        this.store = store;
        this.executor = executor;
        this.window = Duration.ofHours(windowHours);
    }

    /** For the CDI proxy only. */
    protected IdempotencyKeys() {
        this.store = null;
        this.executor = null;
        this.window = Duration.ofHours(24);
    }

    void onStart(@Observes Startup startup) {
        schedulePurge();
    }

    private synchronized void schedulePurge() {
        if (purge == null) {
            long every = purgeInterval(window).toSeconds();
            purge = executor.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.SECONDS);
        }
    }

    /** How often old keys are purged: a tenth of the window, between one minute and an hour. */
    static Duration purgeInterval(Duration window) {
        Duration tenth = window.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
    }

    /**
     * The answer a key gave before, to send again; empty when the key is new.
     *
     * @throws IdempotencyKeyInUseException  when the request that first used the key is still in flight
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    public Optional<IdempotencyRecord> earlierAnswer(IdempotencyKey key) {
        Optional<IdempotencyRecord> found = store.findKey(key.user(), key.key());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord record = found.get();
        if (!record.requestHash().equals(key.requestHash())) {
            throw new IdempotencyKeyReusedException();
        }
        if (record.inFlight()) {
            throw new IdempotencyKeyInUseException();
        }
        return found;
    }

    /** Deletes keys older than the window; never throws, as one escaped exception would cancel the schedule. */
    void purge() {
        try {
            int total = 0;
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                int deleted = store.deleteKeysOlderThan(window);
                total += deleted;
                if (deleted == 0) {
                    break;
                }
            }
            LOG.log(Level.FINE, "Purged {0} idempotency keys older than {1}", new Object[] {total, window});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging old idempotency keys failed; trying again at the next run", e);
        }
    }

    public Duration window() {
        return window;
    }

    @PreDestroy
    synchronized void stop() {
        if (purge != null) {
            purge.cancel(false);
        }
    }
}
