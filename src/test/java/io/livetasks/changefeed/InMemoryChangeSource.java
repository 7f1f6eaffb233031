package io.livetasks.changefeed;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A change source for unit tests: changes appended by the test, an adjustable min valid version, injectable
 * failures. A row {@code "name@k"} belongs to partition {@code k}; a row without {@code @} to partition 0.
 */
final class InMemoryChangeSource implements ChangeSource<String> {

    private final List<Change<String>> changes = new ArrayList<>();
    private long current;
    private long minValid;
    private Supplier<? extends Exception> failure;
    private int reads;
    private int pageSize = Integer.MAX_VALUE;

    /** Reads of all partitions stop after about this many changes, on a whole version, as the JDBC source's do. */
    synchronized void pageSize(int changes) {
        pageSize = changes;
    }

    /** Commits one transaction touching the given rows; returns its version. */
    synchronized long commit(String... rows) {
        current++;
        for (String row : rows) {
            changes.add(new Change<>(Version.of(current), row));
        }
        return current;
    }

    /** The partition of a row. */
    static long keyOf(String row) {
        int at = row.indexOf('@');
        return at < 0 ? 0 : Long.parseLong(row.substring(at + 1));
    }

    /** Forgets everything, as a database restored from an old backup or recreated would. */
    synchronized void reset() {
        changes.clear();
        current = 0;
        minValid = 0;
    }

    synchronized void minValidVersion(long version) {
        minValid = version;
    }

    synchronized void failWith(Supplier<? extends Exception> failure) {
        this.failure = failure;
    }

    synchronized int reads() {
        return reads;
    }

    /** Reads for tests that think in numbers. */
    synchronized ChangeBatch<String> changesSince(long afterVersion) throws SQLException {
        return changesSince(Version.of(afterVersion));
    }

    @Override
    public synchronized ChangeBatch<String> changesSince(Version afterVersion) throws SQLException {
        ChangeBatch<String> all = read(afterVersion, row -> true);
        if (all.changes().size() <= pageSize) {
            return all;
        }
        Version pageEnd = all.changes().get(pageSize - 1).version();
        return new ChangeBatch<>(afterVersion, pageEnd,
                all.changes().stream().filter(c -> !c.version().isAfter(pageEnd)).toList(), true);
    }

    @Override
    public synchronized ChangeBatch<String> changesSince(Version afterVersion, long key) throws SQLException {
        return read(afterVersion, row -> keyOf(row) == key);
    }

    private ChangeBatch<String> read(Version afterVersion, Predicate<String> rows) throws SQLException {
        reads++;
        throwIfFailing();
        if (afterVersion.value() < minValid) {
            throw new VersionTooOldException(afterVersion, Version.of(minValid));
        }
        if (afterVersion.value() > current) {
            if (afterVersion.value() <= minValid) {
                // Tracking restarted above the current version: nothing to read yet (as JdbcChangeSource).
                return new ChangeBatch<>(afterVersion, afterVersion, List.of());
            }
            throw new VersionAheadException(afterVersion, Version.of(current));
        }
        return new ChangeBatch<>(afterVersion, Version.of(current), changes.stream()
                .filter(c -> c.version().isAfter(afterVersion) && rows.test(c.payload())).toList());
    }

    @Override
    public synchronized Version currentVersion() throws SQLException {
        throwIfFailing();
        return Version.of(current);
    }

    @Override
    public synchronized Version minValidVersion() {
        return Version.of(minValid);
    }

    private void throwIfFailing() throws SQLException {
        if (failure != null) {
            Exception e = failure.get();
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw (RuntimeException) e;
        }
    }
}
