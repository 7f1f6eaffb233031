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
 * meanwhile cannot go unnoticed), commit.
 *
 * <p>Why the upper bound makes it gapless: versions follow commit order, so once the current version has
 * been read no transaction can become visible at or below it; reading {@code (after, current]} and
 * continuing from {@code current} misses nothing and repeats nothing. The version is database-wide, so
 * one bound serves every table and the rows one transaction changed in several tables share it.
 *
 * @param <T> the common payload type of the tables' changes
 */
public final class JdbcChangeSource<T> implements ChangeSource<T> {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<TrackedTable<? extends T>> tables;

    public JdbcChangeSource(DataSource dataSource, Dialect dialect, List<TrackedTable<? extends T>> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("A change source reads at least one tracked table");
        }
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.tables = List.copyOf(tables);
    }

    /** Also runs the dialect's housekeeping (see {@link Dialect#maintain(DataSource)}): this is the poller's read. */
    @Override
    public ChangeBatch<T> changesSince(Version afterVersion) throws SQLException {
        dialect.maintain(dataSource);
        return read(afterVersion, OptionalLong.empty());
    }

    @Override
    public ChangeBatch<T> changesSince(Version afterVersion, long key) throws SQLException {
        return read(afterVersion, OptionalLong.of(key), 0);
    }

    /** Stops reading a table past {@code maxChanges} rows ({@link java.sql.Statement#setMaxRows}): memory stays bounded. */
    @Override
    public ChangeBatch<T> changesSince(Version afterVersion, long key, int maxChanges) throws SQLException {
        ChangeBatch<T> batch = read(afterVersion, OptionalLong.of(key), maxChanges + 1);
        if (batch.changes().size() > maxChanges) {
            throw new ReplayTooLargeException(afterVersion, maxChanges);
        }
        return batch;
    }

    private ChangeBatch<T> read(Version afterVersion, OptionalLong key) throws SQLException {
        return read(afterVersion, key, 0);
    }

    /** @param maxRows per table, 0 for no limit */
    private ChangeBatch<T> read(Version afterVersion, OptionalLong key, int maxRows) throws SQLException {
        return Jdbc.inTransaction(dataSource, dialect.snapshotIsolation(), connection -> {
            Version current = Version.of(Jdbc.queryLong(connection, dialect.selectCurrentVersion()));
            if (afterVersion.isAfter(current)) {
                throw new VersionAheadException(afterVersion, current);
            }
            List<Change<T>> changes = new ArrayList<>();
            for (TrackedTable<? extends T> table : tables) {
                read(connection, table, afterVersion, current, key, maxRows, changes);
            }
            Version minValid = minValidVersion(connection);
            if (afterVersion.isBefore(minValid)) {
                throw new VersionTooOldException(afterVersion, minValid);
            }
            return new ChangeBatch<>(afterVersion, current, changes);
        });
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

    /** The highest of the tables' min valid versions: below it, some table's changes are gone. */
    private Version minValidVersion(Connection connection) throws SQLException {
        Version minValid = Version.ZERO;
        for (TrackedTable<? extends T> table : tables) {
            minValid = minValid.max(Version.of(Jdbc.queryLong(connection, table.sql().selectMinValidVersion())));
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
