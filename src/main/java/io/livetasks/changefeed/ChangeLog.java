package io.livetasks.changefeed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The most recent changes, kept in memory so that reconnecting clients resume without a database query.
 *
 * <p>The log holds every change with a version in {@code (floor, head]}: whole versions only, so that a
 * replay never delivers part of a transaction. When it grows past its capacity the oldest versions are
 * dropped and the floor rises. Not thread-safe: {@link ChangeFeed} guards it.
 */
public final class ChangeLog<T> {

    private final int capacity;
    private final Deque<Change<T>> changes = new ArrayDeque<>();
    private Version floor;
    private Version head;

    /**
     * @param capacity     how many changes to keep, at least 1
     * @param startVersion the version the log starts at: it can answer for any version at or above it
     */
    public ChangeLog(int capacity, Version startVersion) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.floor = startVersion;
        this.head = startVersion;
    }

    /** Appends a batch that continues exactly where the log ends. */
    public void append(ChangeBatch<T> batch) {
        if (!batch.afterVersion().equals(head)) {
            throw new IllegalArgumentException("batch starts after " + batch.afterVersion() + " but the log ends at " + head);
        }
        changes.addAll(batch.changes());
        head = batch.toVersion();
        while (changes.size() > capacity) {
            dropOldestVersion();
        }
    }

    private void dropOldestVersion() {
        Version oldest = changes.peekFirst().version();
        while (!changes.isEmpty() && changes.peekFirst().version().equals(oldest)) {
            changes.removeFirst();
        }
        floor = oldest;
    }

    /**
     * The changes after {@code afterVersion} that {@code filter} accepts, in version order, or empty when the
     * log no longer reaches back that far (the caller then reads from the database).
     */
    public Optional<List<Change<T>>> since(Version afterVersion, Predicate<? super T> filter) {
        if (afterVersion.isBefore(floor)) {
            return Optional.empty();
        }
        List<Change<T>> result = new ArrayList<>();
        Iterator<Change<T>> newestFirst = changes.descendingIterator();
        while (newestFirst.hasNext()) {
            Change<T> change = newestFirst.next();
            if (!change.version().isAfter(afterVersion)) {
                break;
            }
            if (filter.test(change.payload())) {
                result.add(change);
            }
        }
        Collections.reverse(result);
        return Optional.of(result);
    }

    /** Every version up to here has been appended. */
    public Version head() {
        return head;
    }

    /** The log answers for versions at or above this. */
    public Version floor() {
        return floor;
    }

    public int size() {
        return changes.size();
    }
}
