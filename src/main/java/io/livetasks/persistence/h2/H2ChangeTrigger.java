package io.livetasks.persistence.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * The H2 change-tracking emulation's row trigger on {@code task} (created by
 * {@code db/migration/h2/V2__enable_change_tracking.sql}). H2 runs it inside the writer's transaction, on
 * the writer's connection, for every writer, so a plain SQL write from a shell is recorded like an API write.
 *
 * <p>Per changed row it takes the transaction's version from {@link H2VersionCounter} and records the
 * change in {@code ct_task}, including which version last changed {@code completed} (SQL Server's
 * {@code SYS_CHANGE_COLUMNS} for that one column). Tables that need no column mask use the generic
 * {@link H2KeyChangeTrigger} instead.
 *
 * <p>H2 loads this class by name, not the application, so it may depend only on {@code java.*} and
 * {@code org.h2.api}; see {@link H2TriggerClasses} for how H2 finds it inside the server.
 */
public class H2ChangeTrigger implements Trigger {

    /** Inserts and deletes replace what is known about the key: the latest operation is all that counts. */
    private static final String RECORD_INSERT_OR_DELETE = """
            MERGE INTO ct_task (list_id, task_id, version, creation_version, operation, completed_version, changed_at)
            KEY (list_id, task_id)
            VALUES (?, ?, ?, ?, ?, NULL, CURRENT_TIMESTAMP)
            """;

    /** Updates keep the creation version (an insert then an update is still an insert to a reader before both). */
    private static final String RECORD_UPDATE = """
            MERGE INTO ct_task c
            USING (VALUES (CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BOOLEAN)))
                  AS s (list_id, task_id, version, completed_changed)
               ON c.list_id = s.list_id AND c.task_id = s.task_id
             WHEN MATCHED THEN UPDATE SET
                  version = s.version,
                  operation = 'U',
                  completed_version = CASE WHEN s.completed_changed THEN s.version ELSE c.completed_version END,
                  changed_at = CURRENT_TIMESTAMP
             WHEN NOT MATCHED THEN INSERT (list_id, task_id, version, creation_version, operation, completed_version, changed_at)
                  VALUES (s.list_id, s.task_id, s.version, NULL, 'U',
                          CASE WHEN s.completed_changed THEN s.version END, CURRENT_TIMESTAMP)
            """;

    private static final String COLUMN_POSITIONS = """
            SELECT column_name, ordinal_position FROM information_schema.columns
             WHERE table_schema = ? AND table_name = ?
            """;

    private final H2VersionCounter versions = new H2VersionCounter();
    private int listIdColumn = -1;
    private int idColumn = -1;
    private int completedColumn = -1;

    /** Finds the key and {@code completed} columns by name, so that later migrations may add columns. */
    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName,
                     boolean before, int type) throws SQLException {
        H2VersionCounter.databaseOpened();
        try (PreparedStatement statement = connection.prepareStatement(COLUMN_POSITIONS)) {
            statement.setString(1, schemaName);
            statement.setString(2, tableName);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int index = rows.getInt(2) - 1;
                    switch (rows.getString(1).toLowerCase(Locale.ROOT)) {
                        case "list_id" -> listIdColumn = index;
                        case "id" -> idColumn = index;
                        case "completed" -> completedColumn = index;
                        default -> { }
                    }
                }
            }
        }
        if (listIdColumn < 0 || idColumn < 0 || completedColumn < 0) {
            throw new SQLException("Trigger " + triggerName + " expects columns list_id, id and completed on "
                    + schemaName + "." + tableName);
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        long version = versions.next(connection);
        if (oldRow == null) {
            recordInsertOrDelete(connection, newRow, version, "I");
        } else if (newRow == null) {
            recordInsertOrDelete(connection, oldRow, version, "D");
        } else if (sameKey(oldRow, newRow)) {
            boolean completedChanged = !Objects.equals(oldRow[completedColumn], newRow[completedColumn]);
            recordUpdate(connection, newRow, version, completedChanged);
        } else {
            // A primary key update is a delete of the old key and an insert of the new one, as on SQL Server.
            recordInsertOrDelete(connection, oldRow, version, "D");
            recordInsertOrDelete(connection, newRow, version, "I");
        }
    }

    private void recordInsertOrDelete(Connection connection, Object[] row, long version, String operation)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_INSERT_OR_DELETE)) {
            statement.setObject(1, row[listIdColumn]);
            statement.setObject(2, row[idColumn]);
            statement.setLong(3, version);
            if ("I".equals(operation)) {
                statement.setLong(4, version);
            } else {
                statement.setNull(4, Types.BIGINT);
            }
            statement.setString(5, operation);
            statement.executeUpdate();
        }
    }

    private void recordUpdate(Connection connection, Object[] row, long version, boolean completedChanged)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_UPDATE)) {
            statement.setObject(1, row[listIdColumn]);
            statement.setObject(2, row[idColumn]);
            statement.setLong(3, version);
            statement.setBoolean(4, completedChanged);
            statement.executeUpdate();
        }
    }

    private boolean sameKey(Object[] oldRow, Object[] newRow) {
        return Objects.equals(oldRow[listIdColumn], newRow[listIdColumn])
                && Objects.equals(oldRow[idColumn], newRow[idColumn]);
    }
}
