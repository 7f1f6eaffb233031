package io.livetasks.task.feed;

import io.livetasks.push.Subscription;
import io.livetasks.task.PresenceStore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * This instance's share of presence: counts its open streams per (list, user) ({@link ViewerCounts}) and keeps
 * {@code list_presence} in step, one row per pair with at least one stream; heart-beats for the instance and
 * expires the rows of instances that stopped heart-beating (crashed, cut off from the database).
 *
 * <p>Database writes never happen on the thread that opens or closes a stream: a close may run under the
 * change feed's lock (a revocation) or a connection's. A pair whose count crossed zero is marked dirty and one
 * flush at a time, on the managed executor, makes the row match the count: so a quick leave and re-join (a
 * SignalR client re-joining a list) writes nothing at all. A flush that fails leaves the pair dirty for the next
 * heartbeat. When this instance's heartbeat was found gone or late, another instance may have deleted its rows:
 * it writes all of them again (inserting a row that exists changes nothing, so records no change).
 */
@ApplicationScoped
public class PresenceTracker {

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());

    /** An instance is taken for gone when its heartbeat is older than this many intervals. */
    static final int TTL_HEARTBEATS = 3;

    private final PresenceStore store;
    private final ScheduledExecutorService executor;
    private final Runnable afterWrite;
    private final String instanceId;
    private final Duration heartbeat;
    private final Counter heartbeatFailures;
    private final ViewerCounts counts = new ViewerCounts();
    /** The pairs whose row this instance wrote (as far as it knows). Changed by the flush only. */
    private final Set<ViewerCounts.Key> written = ConcurrentHashMap.newKeySet();
    private final Set<ViewerCounts.Key> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final Object flushLock = new Object();
    private volatile boolean stopped;
    private volatile boolean failing;
    private long lastHeartbeatNanos;
    private ScheduledFuture<?> heartbeats;

    @Inject
    public PresenceTracker(PresenceStore store, ManagedScheduledExecutorService executor, TaskFeed feed,
                           @ConfigProperty(name = "livetasks.presence.heartbeat.seconds", defaultValue = "10")
                           int heartbeatSeconds, MetricRegistry metrics) {
        this(store, executor, feed::committed, newInstanceId(), Duration.ofSeconds(Math.max(1, heartbeatSeconds)), metrics);
    }

    /**
     * @param afterWrite run after the flush wrote rows (the change feed polls at once, so this instance's own
     *                   clients see the change without waiting for the next tick)
     * @param metrics    where the heartbeat failure counter is registered; {@code null}: nowhere
     */
    public PresenceTracker(PresenceStore store, ScheduledExecutorService executor, Runnable afterWrite, String instanceId,
                           Duration heartbeat, MetricRegistry metrics) {
        this.store = store;
        this.executor = executor;
        this.afterWrite = afterWrite;
        this.instanceId = instanceId;
        this.heartbeat = heartbeat;
        this.heartbeatFailures = metrics == null ? null : metrics.counter(Metadata.builder()
                .withName("livetasks.presence.heartbeat.failures")
                .withDescription("Presence heartbeats (with their expiry of gone instances) that failed: the database was unreachable")
                .build());
        if (metrics != null) {
            metrics.gauge(Metadata.builder().withName("livetasks.presence.viewing")
                    .withDescription("(list, user) pairs this instance holds open streams of: its rows in list_presence")
                    .build(), counts::size);
        }
    }

    /** For the CDI proxy only. */
    protected PresenceTracker() {
        this(null, null, () -> { }, "proxy", Duration.ofSeconds(10), null);
    }

    /** A new id per start: a restarted instance's old rows expire with its old heartbeat. */
    private static String newInstanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "livetasks");
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    void onStart(@Observes Startup startup) {
        start();
    }

    /** Starts heart-beating (the first beat at once). */
    public synchronized void start() {
        if (heartbeats == null) {
            heartbeats = executor.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops heart-beating and deletes this instance's rows, so that its viewers disappear at once elsewhere. */
    @PreDestroy
    public synchronized void stop() {
        stopped = true;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        try {
            store.forget(instanceId);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Could not delete this instance''s presence rows at shutdown (others expire them): {0}",
                    e.toString());
        }
    }

    /** This instance's id in {@code list_presence} and {@code instance_heartbeat}. */
    public String instanceId() {
        return instanceId;
    }

    /** How long an instance may go without a heartbeat before others delete its viewers. */
    public Duration ttl() {
        return heartbeat.multipliedBy(TTL_HEARTBEATS);
    }

    /** How many (list, user) pairs this instance holds streams of. */
    public int viewing() {
        return counts.size();
    }

    /**
     * Counts the subscription as one stream of the list for its user until it ends: a plain stream's one
     * subscription ends with its connection; a SignalR connection's per-list subscription is closed when the
     * client leaves or re-joins the list, is revoked, or the connection closes ({@code SignalRConnection}
     * closes them all). Only one of the two is watched, so that a long-lived SignalR connection joining many
     * lists does not pile up close actions on the connection.
     */
    public void track(long listId, String user, Subscription subscription) {
        Runnable release = view(listId, user);
        if (subscription == subscription.connection().subscription()) {
            subscription.connection().onClose(release);
        } else {
            subscription.onClose(release);
        }
        if (subscription.isClosed()) {
            release.run();
        }
    }

    /** Counts one stream of the list for the user; the returned action ends it (idempotent). */
    Runnable view(long listId, String user) {
        ViewerCounts.Key key = new ViewerCounts.Key(listId, user);
        if (counts.acquire(key)) {
            changed(key);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true) && counts.release(key)) {
                changed(key);
            }
        };
    }

    private void changed(ViewerCounts.Key key) {
        dirty.add(key);
        queueFlush();
    }

    private void queueFlush() {
        if (!stopped && flushQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::flush);
            } catch (RejectedExecutionException e) {
                flushQueued.set(false); // shutting down: stop() deletes the rows
            }
        }
    }

    /** Makes the rows of every dirty pair match its count; what fails stays dirty for the next heartbeat. */
    void flush() {
        flushQueued.set(false);
        boolean wrote = false;
        synchronized (flushLock) {
            for (ViewerCounts.Key key : Set.copyOf(dirty)) {
                if (stopped) {
                    return;
                }
                dirty.remove(key);
                try {
                    wrote |= write(key);
                } catch (RuntimeException e) {
                    dirty.add(key);
                    LOG.log(Level.FINE, "Could not write presence of {0}; trying again with the next heartbeat: {1}",
                            new Object[] {key, e.toString()});
                    break;
                }
            }
        }
        if (wrote) {
            afterWrite.run();
        }
    }

    /** @return whether a row was written */
    private boolean write(ViewerCounts.Key key) {
        boolean viewed = counts.holds(key);
        if (viewed && !written.contains(key)) {
            store.add(key.listId(), key.user(), instanceId);
            written.add(key);
            return true;
        }
        if (!viewed && written.contains(key)) {
            store.remove(key.listId(), key.user(), instanceId);
            written.remove(key);
            return true;
        }
        return false;
    }

    /** One heartbeat: never throws, as one exception would cancel the schedule. */
    void beat() {
        try {
            long now = System.nanoTime();
            boolean alive = store.heartbeat(instanceId);
            boolean late = lastHeartbeatNanos != 0 && now - lastHeartbeatNanos > heartbeat.multipliedBy(2).toNanos();
            lastHeartbeatNanos = now;
            if (!alive || late) {
                // Taken for gone, or nearly: another instance may have deleted this instance's rows. Write them all again.
                // Rows still viewed are inserted again (a row that exists is left alone); rows written for pairs no
                // longer viewed are deleted again (in case the last delete was lost with the connection).
                synchronized (flushLock) {
                    Set<ViewerCounts.Key> viewed = counts.keys();
                    dirty.addAll(viewed);
                    dirty.addAll(written);
                    written.removeAll(viewed);
                }
            }
            int expired = store.expire(ttl());
            if (expired > 0) {
                LOG.log(Level.INFO, "Removed {0} viewers of server instances without a heartbeat for {1}",
                        new Object[] {expired, ttl()});
            }
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "Presence heartbeat written again");
            }
            if (!dirty.isEmpty()) {
                flush();
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (heartbeatFailures != null) {
            heartbeatFailures.inc();
        }
        // Once per outage at WARNING; the heartbeat goes on and says when it works again.
        LOG.log(failing ? Level.FINE : Level.WARNING, "Presence heartbeat failed: {0}", e.toString());
        failing = true;
    }
}
