package io.livetasks.task.feed;

import io.livetasks.push.Hub;
import io.livetasks.push.Message;
import io.livetasks.push.Subscription;
import io.livetasks.task.Presence;
import io.livetasks.task.PresenceStore;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes the viewers of a list ({@code presence}) to its listening subscribers (every SignalR list subscription;
 * plain streams that asked with {@code ?presence=true}): to those in the list's group when a poll brought
 * presence changes of it, and to one subscription after it (re)joined the list. Reads the viewers once per list
 * per round, whatever the number of clients (database load follows instances and lists, not clients), off the
 * change feed's lock and in one round at a time, so each subscriber receives the states in the order they were read.
 *
 * <p>Who receives it is who may: the list's group holds only subscriptions whose user was a member when they
 * joined, and a removed member's subscriptions leave it when the removal is published ({@link ListPublisher}).
 */
@ApplicationScoped
public class PresenceBroadcaster {

    private static final Logger LOG = Logger.getLogger(PresenceBroadcaster.class.getName());
    private static final long RETRY_MS = 1000;

    private record Joined(long listId, Subscription subscription) {
    }

    private final PresenceStore store;
    private final Hub hub;
    private final ListMessages messages;
    private final ScheduledExecutorService executor;
    private final Set<Long> changedLists = ConcurrentHashMap.newKeySet();
    private final Queue<Joined> joined = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    /** The subscriptions that take presence events, until they end. */
    private final Set<Subscription> listeners = ConcurrentHashMap.newKeySet();

    @Inject
    public PresenceBroadcaster(PresenceStore store, Hub hub, ListMessages messages, ManagedScheduledExecutorService executor) {
        this(store, hub, messages, (ScheduledExecutorService) executor);
    }

    public PresenceBroadcaster(PresenceStore store, Hub hub, ListMessages messages, ScheduledExecutorService executor) {
        this.store = store;
        this.hub = hub;
        this.messages = messages;
        this.executor = executor;
    }

    /** For the CDI proxy only. */
    protected PresenceBroadcaster() {
        this(null, null, null, (ScheduledExecutorService) null);
    }

    /** The list's viewers changed: its subscribers get them soon. Never blocks (called under the feed's lock). */
    public void changed(long listId) {
        changedLists.add(listId);
        queue(0);
    }

    /**
     * The subscription just joined the list and takes presence events from now on (until it ends: a plain
     * stream's with its connection, a SignalR list subscription when it is closed): it gets the list's viewers soon.
     * Never blocks.
     */
    public void listen(long listId, Subscription subscription) {
        listeners.add(subscription);
        Runnable forget = () -> listeners.remove(subscription);
        if (subscription == subscription.connection().subscription()) {
            subscription.connection().onClose(forget);
        } else {
            subscription.onClose(forget);
        }
        if (subscription.isClosed()) {
            forget.run();
            return;
        }
        joined.add(new Joined(listId, subscription));
        queue(0);
    }

    /** How many subscriptions take presence events. */
    int listeners() {
        return listeners.size();
    }

    private void queue(long delayMs) {
        if (queued.compareAndSet(false, true)) {
            try {
                if (delayMs == 0) {
                    executor.execute(this::round);
                } else {
                    executor.schedule(this::round, delayMs, TimeUnit.MILLISECONDS);
                }
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down: nobody is left to tell
            }
        }
    }

    /** One round: reads each list concerned once, then sends. Never throws. */
    synchronized void round() {
        queued.set(false);
        Set<Long> groups = new LinkedHashSet<>();
        for (Long listId : List.copyOf(changedLists)) {
            changedLists.remove(listId);
            groups.add(listId);
        }
        List<Joined> single = new ArrayList<>();
        for (Joined next = joined.poll(); next != null; next = joined.poll()) {
            if (!groups.contains(next.listId()) && !next.subscription().isClosed()) {
                single.add(next); // a list sent to its whole group reaches this subscription too: it has joined
            }
        }
        Map<Long, Message> read = new HashMap<>();
        try {
            for (Long listId : List.copyOf(groups)) {
                Message message = read.computeIfAbsent(listId, this::read);
                hub.sendToGroup(TaskEvent.group(listId), message, listeners::contains);
                groups.remove(listId);
            }
            for (Joined join : List.copyOf(single)) {
                join.subscription().offer(read.computeIfAbsent(join.listId(), this::read));
                single.remove(join);
            }
        } catch (RuntimeException e) {
            // The database failed: what was not sent is tried again shortly (a presence state is never stale-unsafe).
            LOG.log(Level.FINE, "Could not read viewers; trying again: {0}", e.toString());
            changedLists.addAll(groups);
            joined.addAll(single);
            queue(RETRY_MS);
        }
    }

    private Message read(long listId) {
        Presence presence = store.viewers(listId);
        return messages.presence(presence);
    }
}
