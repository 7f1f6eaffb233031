package io.livetasks.persistence;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.ReplayTooLargeException;
import io.livetasks.changefeed.Version;
import io.livetasks.changefeed.VersionAheadException;
import io.livetasks.changefeed.VersionTooOldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Reads the changes of every tracked table the way Microsoft recommends for SQL Server change tracking,
 * in one snapshot transaction: read the current version, read each table's net changes up to it, then
 * check the resume point against the min valid version (after the read, so that a cleanup running
 * meanwhile cannot go unnoticed), commit. When the current version is the resume point itself, nothing was
 * committed since and no table's changes are read: only the min valid check runs (an idle poll).
 *
 * <p>Why the upper bound makes it gapless: versions follow commit order, so once the current version has
 * been read no transaction can become visible at or below it; reading {@code (after, current]} and
 * continuing from {@code current} misses nothing and repeats nothing. The version is database-wide, so
 * one bound serves every table and the rows one transaction changed in several tables share it.
 *
 * <p>Paging: the poller's read stops after about {@code pageSize} changes, always on a whole version. Each
 * table's {@link TableChanges#selectPageEnd()} names the version of its {@code pageSize}-th change; the
 * lowest of those becomes the read's upper bound instead of the current version, and every row up to and
 * including it is read (so a page may hold more than {@code pageSize} rows, never part of a version). The
 * batch is then {@linkplain ChangeBatch#partial() partial} and the poller reads on from its bound.
 *
 * <p>Min valid above current: after a {@code TRUNCATE} or change tracking re-enabled on a table, the min
 * valid version can be above the current version. Microsoft documents a last sync version at or above min
 * valid as valid, so every change a reader still needs will carry a higher version: a resume point in
 * {@code (current, minValid]} reads as an empty batch that stays there, not as "ahead of the database".
 *
 * @param <T> the common payload type of the tables' changes
 */
public final class JdbcChangeSource<T> implements ChangeSource<T> {

    /** Changes one poll reads at most (about: whole versions), unless configured otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 5000;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<TrackedTable<? extends T>> tables;
    private final int pageSize;
    /** Each distinct query once: H2's emulation keeps one database-wide min valid version, SQL Server one per table. */
    private final List<String> minValidQueries;

    public JdbcChangeSource(DataSource dataSource, Dialect dialect, List<TrackedTable<? extends T>> tables) {
        this(dataSource, dialect, tables, DEFAULT_PAGE_SIZE);
    }

    /** @param pageSize the poller's read stops after about this many changes, on a whole version (at least 1) */
    public JdbcChangeSource(DataSource dataSource, Dialect dialect, List<TrackedTable<? extends T>> tables,
                            int pageSize) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("A change source reads at least one tracked table");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("The change page size must be at least 1, was " + pageSize);
        }
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.tables = List.copyOf(tables);
        this.pageSize = pageSize;
        this.minValidQueries = this.tables.stream().map(table -> table.sql().selectMinValidVersion()).distinct().toList();
    }

    /** Also runs the dialect's housekeeping (see {@link Dialect#maintain(DataSource)}): this is the poller's read. */
    @Override
    public ChangeBatch<T> changesSince(Version afterVersion) throws SQLException {
        dialect.maintain(dataSource);
        return read(afterVersion, OptionalLong.empty(), 0, pageSize);
    }

    @Override
    public ChangeBatch<T> changesSince(Version afterVersion, long key) throws SQLException {
        return read(afterVersion, OptionalLong.of(key), 0, 0);
    }

    /** Stops reading a table past {@code maxChanges} rows ({@link java.sql.Statement#setMaxRows}): memory stays bounded. */
    @Override
    public ChangeBatch<T> changesSince(Version afterVersion, long key, int maxChanges) throws SQLException {
        ChangeBatch<T> batch = read(afterVersion, OptionalLong.of(key), maxChanges + 1, 0);
        if (batch.changes().size() > maxChanges) {
            throw new ReplayTooLargeException(afterVersion, maxChanges);
        }
        return batch;
    }

    /**
     * @param maxRows  per table, 0 for no limit (the statement stops reading there)
     * @param pageSize 0 for no page; else the read ends on the whole version of about this many changes
     */
    private ChangeBatch<T> read(Version afterVersion, OptionalLong key, int maxRows, int pageSize) throws SQLException {
        // Read-only: a transient failure (an Azure SQL reconfiguration, a deadlock) is simply read again.
        return Jdbc.inTransaction(dataSource, dialect.snapshotIsolation(), dialect::isTransient, connection -> {
            Version current = Version.of(Jdbc.queryLong(connection, dialect.selectCurrentVersion()));
            if (afterVersion.isAfter(current)) {
                Version minValid = minValidVersion(connection);
                if (afterVersion.isAfter(minValid)) {
                    throw new VersionAheadException(afterVersion, current.max(minValid));
                }
                // Tracking restarted above the current version (see the class comment): nothing to read yet.
                return new ChangeBatch<>(afterVersion, afterVersion, List.of());
            }
            if (afterVersion.equals(current)) {
                // Nothing committed since: no table can hold a change above it (see the class comment). Only a
                // cleanup or a TRUNCATE can have moved the min valid version past it.
                checkStillValid(connection, afterVersion);
                return new ChangeBatch<>(afterVersion, current, List.of());
            }
            Version upTo = pageSize > 0 ? pageEnd(connection, afterVersion, current, key, pageSize) : current;
            List<Change<T>> changes = new ArrayList<>();
            for (TrackedTable<? extends T> table : tables) {
                read(connection, table, afterVersion, upTo, key, maxRows, changes);
            }
            checkStillValid(connection, afterVersion);
            return new ChangeBatch<>(afterVersion, upTo, changes, upTo.isBefore(current));
        });
    }

    /**
     * The lowest version among the tables' page ends (the version of their {@code pageSize}-th change after
     * {@code after}), or {@code current} when no table has that many: where a paged read stops.
     */
    private Version pageEnd(Connection connection, Version after, Version current, OptionalLong key, int pageSize)
            throws SQLException {
        Version end = current;
        for (TrackedTable<? extends T> table : tables) {
            String sql = key.isPresent() ? table.sql().selectPageEndForKey() : table.sql().selectPageEnd();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, pageSize);
                statement.setLong(2, after.value());
                statement.setLong(3, current.value());
                if (key.isPresent()) {
                    statement.setLong(4, key.getAsLong());
                }
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next() && rows.getLong("page_changes") >= pageSize) {
                        Version tableEnd = Version.of(rows.getLong("page_end"));
                        end = tableEnd.isBefore(end) ? tableEnd : end;
                    }
                }
            }
        }
        return end;
    }

    @Override
    public Version currentVersion() throws SQLException {
        return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                connection -> Version.of(Jdbc.queryLong(connection, dialect.selectCurrentVersion())));
    }

    @Override
    public Version minValidVersion() throws SQLException {
        return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED, this::minValidVersion);
    }

    /** Read after the changes (see the class comment): a cleanup meanwhile cannot go unnoticed. */
    private void checkStillValid(Connection connection, Version afterVersion) throws SQLException {
        Version minValid = minValidVersion(connection);
        if (afterVersion.isBefore(minValid)) {
            throw new VersionTooOldException(afterVersion, minValid);
        }
    }

    /** The highest of the tables' min valid versions: below it, some table's changes are gone. */
    private Version minValidVersion(Connection connection) throws SQLException {
        Version minValid = Version.ZERO;
        for (String query : minValidQueries) {
            minValid = minValid.max(Version.of(Jdbc.queryLong(connection, query)));
        }
        return minValid;
    }

    private static <T> void read(Connection connection, TrackedTable<? extends T> table, Version after, Version upTo,
                                 OptionalLong key, int maxRows, List<Change<T>> into) throws SQLException {
        String sql = key.isPresent() ? table.sql().selectChangesForKey() : table.sql().selectChanges();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setMaxRows(maxRows);
            statement.setLong(1, after.value());
            statement.setLong(2, upTo.value());
            if (key.isPresent()) {
                statement.setLong(3, key.getAsLong());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Change<? extends T> change = table.change(rows);
                    into.add(new Change<>(change.version(), change.payload()));
                }
            }
        }
    }
}
