package io.livetasks.changefeed;

/**
 * A change-tracking version: the cursor of the whole system (SQL Server's {@code SYS_CHANGE_VERSION},
 * database-wide and commit-ordered; the H2 emulation keeps the same contract). Every change carries the
 * version of its transaction, snapshots are read "at" a version, and clients resume "after" one.
 *
 * <p>{@link #ZERO} is the version before any change was ever tracked: resuming after it asks for
 * everything the database still holds. Versions are never negative.
 */
public record Version(long value) implements Comparable<Version> {

    /** Before the first tracked change. */
    public static final Version ZERO = new Version(0);

    public Version {
        if (value < 0) {
            throw new IllegalArgumentException("A version is never negative: " + value);
        }
    }

    public static Version of(long value) {
        return value == 0 ? ZERO : new Version(value);
    }

    /**
     * Parses a version a client sent (SSE {@code Last-Event-ID}, a {@code since} parameter).
     *
     * @throws IllegalArgumentException when it is not a whole number of at least 0
     */
    public static Version parse(String text) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A version is a whole number: " + text);
        }
        return of(value);
    }

    public boolean isAfter(Version other) {
        return value > other.value;
    }

    public boolean isBefore(Version other) {
        return value < other.value;
    }

    public Version max(Version other) {
        return isBefore(other) ? other : this;
    }

    @Override
    public int compareTo(Version other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
