package io.livetasks.publish;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups the publish API manages, per hub, on this instance: the connections added to each (only this
 * instance's own, forgotten when they close) and the users added to each (a user's every connection, now
 * or later, is in the group until the user is removed).
 *
 * <p>Kept apart from the {@link io.livetasks.push.Hub}'s own groups on purpose: those are the list groups
 * ({@code list:{id}}) whose members passed a membership check, and nothing a backend does here can put a
 * connection into one of them, whatever the group is called. Thread-safe.
 */
@ApplicationScoped
public class ApiGroups {

    private record Key(String hub, String group) {
    }

    private final Map<Key, Set<String>> connections = new ConcurrentHashMap<>();
    private final Map<Key, Set<String>> users = new ConcurrentHashMap<>();

    public void addConnection(String hub, String group, String connectionId) {
        connections.computeIfAbsent(new Key(hub, group), key -> ConcurrentHashMap.newKeySet()).add(connectionId);
    }

    public void removeConnection(String hub, String group, String connectionId) {
        remove(connections, new Key(hub, group), connectionId);
    }

    /** Takes the connection out of every group of the hub (it left all groups, or it closed). */
    public void removeConnection(String hub, String connectionId) {
        connections.keySet().stream().filter(key -> key.hub().equals(hub)).toList()
                .forEach(key -> remove(connections, key, connectionId));
    }

    public void addUser(String hub, String group, String user) {
        users.computeIfAbsent(new Key(hub, group), key -> ConcurrentHashMap.newKeySet()).add(user);
    }

    public void removeUser(String hub, String group, String user) {
        remove(users, new Key(hub, group), user);
    }

    public void removeUser(String hub, String user) {
        users.keySet().stream().filter(key -> key.hub().equals(hub)).toList().forEach(key -> remove(users, key, user));
    }

    /** Empties the group: no connection or user is in it any more. */
    public void clear(String hub, String group) {
        connections.remove(new Key(hub, group));
        users.remove(new Key(hub, group));
    }

    /** Whether a connection of {@code user} (null: anonymous) with this id is in the group. */
    public boolean includes(String hub, String group, String connectionId, String user) {
        Key key = new Key(hub, group);
        Set<String> byId = connections.get(key);
        if (byId != null && byId.contains(connectionId)) {
            return true;
        }
        Set<String> byUser = users.get(key);
        return user != null && byUser != null && byUser.contains(user);
    }

    /** Whether the user was added to the group (as a user, not through one of their connections). */
    public boolean includesUser(String hub, String group, String user) {
        Set<String> byUser = users.get(new Key(hub, group));
        return byUser != null && byUser.contains(user);
    }

    private static void remove(Map<Key, Set<String>> map, Key key, String member) {
        map.computeIfPresent(key, (k, members) -> {
            members.remove(member);
            return members.isEmpty() ? null : members;
        });
    }
}
