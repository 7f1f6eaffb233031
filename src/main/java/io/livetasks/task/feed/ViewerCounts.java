package io.livetasks.task.feed;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many streams this instance holds per (list, user): the reference counts behind presence. Only the
 * first stream of a pair and the last one to close matter to others (they insert and delete the pair's
 * {@code list_presence} row); the ones in between change nothing in the database. Thread-safe: each count
 * changes atomically ({@link ConcurrentHashMap#compute}), so of any number of concurrent acquires exactly one
 * is the first, and of the matching releases exactly one is the last.
 */
final class ViewerCounts {

    /** One user viewing one list. */
    record Key(long listId, String user) {
    }

    private final Map<Key, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more stream of the pair; true when it is the first (the pair was not viewed before). */
    boolean acquire(Key key) {
        return counts.merge(key, 1, Integer::sum) == 1;
    }

    /**
     * Counts one stream less; true when it was the last (the pair is no longer viewed). A release without an
     * acquire changes nothing and returns false.
     */
    boolean release(Key key) {
        boolean[] last = {false};
        counts.computeIfPresent(key, (k, count) -> {
            if (count > 1) {
                return count - 1;
            }
            last[0] = true;
            return null;
        });
        return last[0];
    }

    /** Whether at least one stream of the pair is open. */
    boolean holds(Key key) {
        return counts.containsKey(key);
    }

    /** The pairs with at least one open stream (a snapshot). */
    Set<Key> keys() {
        return Set.copyOf(counts.keySet());
    }

    /** How many pairs have at least one open stream. */
    int size() {
        return counts.size();
    }
}
