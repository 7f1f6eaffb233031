package io.livetasks.task.feed;

import io.livetasks.task.DataAccessException;
import io.livetasks.task.Presence;
import io.livetasks.task.PresenceStore;
import io.livetasks.task.Viewer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link PresenceStore} that records its writes and can be made to fail, like an unreachable database. */
final class RecordingPresenceStore implements PresenceStore {

    record Row(long listId, String user, String instance) {
    }

    final Set<Row> rows = ConcurrentHashMap.newKeySet();
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final Set<String> heartbeats = ConcurrentHashMap.newKeySet();
    volatile boolean failing;
    /** How many times the viewers were read. */
    final AtomicInteger reads = new AtomicInteger();

    private void check() {
        if (failing) {
            throw new DataAccessException("Could not reach the database", new SQLException("refused", "08001"), true);
        }
    }

    @Override
    public void add(long listId, String user, String instance) {
        check();
        if (rows.add(new Row(listId, user, instance))) {
            writes.add("add " + listId + " " + user);
        }
    }

    @Override
    public void remove(long listId, String user, String instance) {
        check();
        if (rows.remove(new Row(listId, user, instance))) {
            writes.add("remove " + listId + " " + user);
        }
    }

    @Override
    public Presence viewers(long listId) {
        reads.incrementAndGet();
        check();
        return new Presence(listId, rows.stream().filter(row -> row.listId() == listId).map(Row::user).distinct().sorted()
                .map(user -> new Viewer(user, Instant.EPOCH)).toList(), 1);
    }

    @Override
    public boolean heartbeat(String instance) {
        check();
        return !heartbeats.add(instance);
    }

    @Override
    public int expire(Duration ttl) {
        check();
        return 0;
    }

    @Override
    public void forget(String instance) {
        check();
        rows.removeIf(row -> row.instance().equals(instance));
        heartbeats.remove(instance);
    }

    @Override
    public long count() {
        return rows.size();
    }
}
