package io.livetasks.changefeed;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A change source for unit tests: changes appended by the test, an adjustable min valid version, injectable failures. */
final class InMemoryChangeSource implements ChangeSource<String> {

    private final List<Change<String>> changes = new ArrayList<>();
    private long current;
    private long minValid;
    private Supplier<? extends Exception> failure;
    private int reads;

    /** Commits one transaction touching the given rows; returns its version. */
    synchronized long commit(String... rows) {
        current++;
        for (String row : rows) {
            changes.add(new Change<>(current, row));
        }
        return current;
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

    @Override
    public synchronized ChangeBatch<String> changesSince(long afterVersion) throws SQLException {
        reads++;
        throwIfFailing();
        if (afterVersion < minValid) {
            throw new VersionTooOldException(afterVersion, minValid);
        }
        if (afterVersion > current) {
            throw new VersionAheadException(afterVersion, current);
        }
        return new ChangeBatch<>(afterVersion, current, changes.stream().filter(c -> c.version() > afterVersion).toList());
    }

    @Override
    public synchronized long currentVersion() throws SQLException {
        throwIfFailing();
        return current;
    }

    @Override
    public synchronized long minValidVersion() {
        return minValid;
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
