package io.livetasks.persistence;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.VersionAheadException;
import io.livetasks.changefeed.VersionTooOldException;
import io.livetasks.task.TaskChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads task changes the way Microsoft recommends for SQL Server change tracking, in one snapshot
 * transaction: check the min valid version, read the current version, read the net changes up to it
 * joined to the current rows, commit. Reading the current version in the same snapshot as the changes is
 * what makes it a safe place to resume from: nothing at or below it can appear later.
 */
public abstract class JdbcChangeSource implements ChangeSource<TaskChange> {

    private final DataSource dataSource;
    private final ChangeSql sql;
    private final int snapshotIsolation;

    /** @param snapshotIsolation the JDBC isolation level at which several statements see one snapshot */
    protected JdbcChangeSource(DataSource dataSource, ChangeSql sql, int snapshotIsolation) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.snapshotIsolation = snapshotIsolation;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code afterVersion} is negative
     * @throws VersionAheadException    when {@code afterVersion} is ahead of the database's current version
     *                                  (a cursor from another or a reset database)
     */
    @Override
    public ChangeBatch<TaskChange> changesSince(long afterVersion) throws SQLException {
        if (afterVersion < 0) {
            throw new IllegalArgumentException("version must not be negative: " + afterVersion);
        }
        return Jdbc.inTransaction(dataSource, snapshotIsolation, connection -> {
            long minValid = Jdbc.queryLong(connection, sql.selectMinValidVersion());
            if (afterVersion < minValid) {
                throw new VersionTooOldException(afterVersion, minValid);
            }
            long current = Jdbc.queryLong(connection, sql.selectCurrentVersion());
            if (afterVersion > current) {
                throw new VersionAheadException(afterVersion, current);
            }
            return new ChangeBatch<>(afterVersion, current, changes(connection, afterVersion, current));
        });
    }

    @Override
    public long currentVersion() throws SQLException {
        return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                connection -> Jdbc.queryLong(connection, sql.selectCurrentVersion()));
    }

    @Override
    public long minValidVersion() throws SQLException {
        return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                connection -> Jdbc.queryLong(connection, sql.selectMinValidVersion()));
    }

    protected final DataSource dataSource() {
        return dataSource;
    }

    private List<Change<TaskChange>> changes(Connection connection, long afterVersion, long toVersion)
            throws SQLException {
        List<Change<TaskChange>> changes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.selectChanges())) {
            statement.setLong(1, afterVersion);
            statement.setLong(2, toVersion);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(TaskChangeRows.change(rows));
                }
            }
        }
        return changes;
    }
}
