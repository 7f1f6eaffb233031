package io.livetasks.push;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections, groups and users, and the three ways to reach them: everyone, a group, a user (the model
 * of the SignalR hub the project replaces). Transport-neutral and thread-safe; knows nothing about tasks.
 */
@ApplicationScoped
public class Hub {

    /** Close reason given to clients when the server stops. */
    public static final String SHUTTING_DOWN = "server shutting down";

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> groups = new ConcurrentHashMap<>();
    private final int queueCapacity;

    /**
     * @param queueCapacity how many messages a connection may have waiting before it counts as a slow
     *                      consumer and is closed (it then reconnects and resumes)
     */
    @Inject
    public Hub(@ConfigProperty(name = "livetasks.connection.queue.capacity", defaultValue = "1000") int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /** For the CDI proxy only. */
    protected Hub() {
        this(1);
    }

    /** The outbound queue capacity for new connections. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Registers a connection; it is forgotten (and leaves every group) when it closes. */
    public void add(Connection connection) {
        connections.put(connection.id(), connection);
        connection.onClose(() -> remove(connection));
        if (connection.isClosed()) {
            remove(connection);
        }
    }

    public void remove(Connection connection) {
        connections.remove(connection.id());
        groups.forEach((name, members) -> leave(name, connection));
    }

    public void join(String group, Connection connection) {
        groups.computeIfAbsent(group, name -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    public void leave(String group, Connection connection) {
        groups.computeIfPresent(group, (name, members) -> {
            members.remove(connection);
            return members.isEmpty() ? null : members;
        });
    }

    public void sendToAll(Message message) {
        send(connections.values(), message);
    }

    public void sendToGroup(String group, Message message) {
        Set<Connection> members = groups.get(group);
        if (members != null) {
            send(members, message);
        }
    }

    public void sendToUser(String user, Message message) {
        send(connections.values().stream().filter(c -> user.equals(c.user())).toList(), message);
    }

    private static void send(Collection<Connection> audience, Message message) {
        for (Connection connection : audience) {
            connection.offer(message);
        }
    }

    /** Ends every connection when the application stops, so clients reconnect (and resume) promptly. */
    @PreDestroy
    void closeAll() {
        for (Connection connection : connections.values()) {
            connection.close(SHUTTING_DOWN);
        }
    }

    public Connection connection(String id) {
        return connections.get(id);
    }

    public int connectionCount() {
        return connections.size();
    }

    public int groupSize(String group) {
        Set<Connection> members = groups.get(group);
        return members == null ? 0 : members.size();
    }
}
