package io.livetasks.push;

import io.livetasks.changefeed.Version;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Connections, groups and users, and the three ways to reach them: everyone, a group, a user (the model
 * of the SignalR hub the project replaces). Transport-neutral and thread-safe; knows nothing about tasks.
 *
 * <p>Groups hold {@link Subscription}s, as a group message belongs to a version sequence (one list's
 * changes) and must pass that stream's version cursor; everyone and users are addressed per connection.
 */
@ApplicationScoped
public class Hub {

    /** Close reason given to clients when the server stops. */
    public static final String SHUTTING_DOWN = "server shutting down";

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscription>> groups = new ConcurrentHashMap<>();
    /**
     * The groups each subscription is in, by connection: what a closing connection leaves, found without going
     * through every group (10,000 clients dropping at once would otherwise cost 10,000 × every group's size).
     */
    private final Map<Connection, Map<Subscription, Set<String>>> memberships = new ConcurrentHashMap<>();
    private final int queueCapacity;
    private final PushCounters counters;
    private volatile boolean stopping;

    /**
     * @param queueCapacity how many messages a connection may have waiting before it counts as a slow
     *                      consumer and is closed (it then reconnects and resumes)
     * @param metrics       where the push counters are published ({@link PushCounters}); {@code null}: nowhere
     */
    @Inject
    public Hub(@ConfigProperty(name = "livetasks.connection.queue.capacity", defaultValue = "1000") int queueCapacity,
               MetricRegistry metrics) {
        this.queueCapacity = queueCapacity;
        this.counters = metrics == null ? PushCounters.NONE : new PushCounters(metrics);
    }

    /** A hub that publishes no metrics (tests). */
    public Hub(int queueCapacity) {
        this(queueCapacity, null);
    }

    /** For the CDI proxy only. */
    protected Hub() {
        this(1);
    }

    /** The outbound queue capacity for new connections. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Registers a connection; it is forgotten (and its subscriptions leave every group) when it closes. */
    public void add(Connection connection) {
        connection.countWith(counters);
        connections.put(connection.id(), connection);
        connection.onClose(() -> remove(connection));
        if (connection.isClosed()) {
            remove(connection);
        } else if (stopping) {
            connection.notifyShutdown(); // drained: this instance is going away, go elsewhere
        }
    }

    /** Forgets a connection; every subscription of it leaves every group. */
    public void remove(Connection connection) {
        connections.remove(connection.id());
        Map<Subscription, Set<String>> joined = memberships.remove(connection);
        if (joined != null) {
            joined.forEach((subscription, names) -> names.forEach(name -> removeMember(name, subscription)));
        }
    }

    /** Takes a subscription out of every group (it was closed alone, e.g. a SignalR client left a list). */
    public void remove(Subscription subscription) {
        Map<Subscription, Set<String>> joined = memberships.get(subscription.connection());
        Set<String> names = joined == null ? null : joined.remove(subscription);
        if (names != null) {
            names.forEach(name -> removeMember(name, subscription));
        }
    }

    /**
     * Adds the subscription to the group. A subscription that is (or meanwhile became) closed is taken out again
     * at once: a close that ran before the join would otherwise leave it in the group for good.
     */
    public void join(String group, Subscription subscription) {
        memberships.computeIfAbsent(subscription.connection(), connection -> new ConcurrentHashMap<>())
                .computeIfAbsent(subscription, key -> ConcurrentHashMap.newKeySet()).add(group);
        groups.computeIfAbsent(group, name -> ConcurrentHashMap.newKeySet()).add(subscription);
        if (subscription.isClosed()) {
            leave(group, subscription);
            if (subscription.connection().isClosed()) {
                memberships.remove(subscription.connection());
            }
        }
    }

    public void leave(String group, Subscription subscription) {
        Map<Subscription, Set<String>> joined = memberships.get(subscription.connection());
        Set<String> names = joined == null ? null : joined.get(subscription);
        if (names != null) {
            names.remove(group); // an empty set stays until the connection closes: no race with a join
        }
        removeMember(group, subscription);
    }

    private void removeMember(String group, Subscription subscription) {
        groups.computeIfPresent(group, (name, members) -> {
            members.remove(subscription);
            return members.isEmpty() ? null : members;
        });
    }

    /**
     * Marks every version up to {@code version} as delivered to every subscription of the groups {@code groups}
     * accepts: the caller has sent them every message up to it (a publisher after a batch). Their keep-alives
     * then carry it, on a quiet group too.
     */
    public void advanceGroups(Predicate<String> groups, Version version) {
        this.groups.forEach((name, members) -> {
            if (groups.test(name)) {
                for (Subscription subscription : members) {
                    subscription.advanceTo(version);
                }
            }
        });
    }

    public void sendToAll(Message message) {
        send(connections.values(), message);
    }

    /** To every subscription in the group, each skipping it when its version was already delivered. */
    public void sendToGroup(String group, Message message) {
        Set<Subscription> members = groups.get(group);
        if (members != null) {
            for (Subscription subscription : members) {
                subscription.offer(message);
            }
        }
    }

    /**
     * As {@link #sendToGroup(String, Message)}, to the group's subscriptions that {@code to} accepts (e.g. those
     * that asked for an optional kind of message): membership of the group still decides who may receive it.
     */
    public void sendToGroup(String group, Message message, Predicate<Subscription> to) {
        Set<Subscription> members = groups.get(group);
        if (members != null) {
            for (Subscription subscription : members) {
                if (to.test(subscription)) {
                    subscription.offer(message);
                }
            }
        }
    }

    /** To every connection of the user that takes user messages (SignalR connections; not plain streams). */
    public void sendToUser(String user, Message message) {
        send(connections.values().stream().filter(c -> c.addressableByUser() && user.equals(c.user())).toList(), message);
    }

    /**
     * Takes the user's subscriptions out of the group, after giving each {@code farewell} as its last
     * message: nothing sent to the group afterwards reaches them. Each connection then ends the revoked
     * subscription (a plain stream ends itself; a SignalR connection only leaves the group's list).
     *
     * @return how many subscriptions were revoked
     */
    public int revoke(String group, String user, Message farewell) {
        Set<Subscription> members = groups.get(group);
        if (members == null) {
            return 0;
        }
        int revoked = 0;
        for (Subscription subscription : List.copyOf(members)) {
            if (user.equals(subscription.connection().user())) {
                leave(group, subscription);
                subscription.offer(farewell);
                subscription.connection().revoked(subscription);
                revoked++;
            }
        }
        counters.revoked(revoked);
        return revoked;
    }

    private static void send(Collection<Connection> audience, Message message) {
        for (Connection connection : audience) {
            connection.offer(message);
        }
    }

    /**
     * Tells every connection that the server stops ({@link Connection#shutdown()}), so clients reconnect and
     * resume promptly: a rolling update loses nothing. Connections added afterwards are told the same at once.
     * Called by {@link DrainServlet} (a Kubernetes preStop hook, before the server stops) and as the
     * application stops ({@link ShutdownNotice}, and here again, finding nothing).
     */
    @PreDestroy
    public void shutdown() {
        stopping = true;
        for (Connection connection : List.copyOf(connections.values())) {
            connection.notifyShutdown();
        }
    }

    /** Every open connection (a live view). */
    public Collection<Connection> connections() {
        return java.util.Collections.unmodifiableCollection(connections.values());
    }

    public Connection connection(String id) {
        return connections.get(id);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Open connections over one transport ({@link Connection#transportName()}). */
    public int connectionCount(String transportName) {
        int count = 0;
        for (Connection connection : connections.values()) {
            if (transportName.equals(connection.transportName())) {
                count++;
            }
        }
        return count;
    }

    public int groupSize(String group) {
        Set<Subscription> members = groups.get(group);
        return members == null ? 0 : members.size();
    }
}
