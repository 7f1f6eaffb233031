package io.livetasks.persistence.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.h2.api.Trigger;

/**
 * The emulation's row trigger for any tracked table that needs no column mask (e.g. {@code list_member}):
 * records each changed primary key in {@code ct_<table>} with its transaction's version, as
 * {@link H2ChangeTrigger} does for {@code task}. Tracking a new table on H2 is then a migration only:
 * the table, its {@code ct_<table>} (the same key columns, then {@code version}, {@code creation_version},
 * {@code operation}, {@code changed_at}) and {@code CREATE TRIGGER ... CALL} this class.
 *
 * <p>The key columns are read from the catalog when H2 loads the trigger, so the statements are built once
 * from quoted identifiers; values are always bound as parameters. Loaded by H2: depends only on
 * {@code java.*} and {@code org.h2.api}.
 */
public final class H2KeyChangeTrigger implements Trigger {

    private static final String PRIMARY_KEY_COLUMNS = """
            SELECT c.column_name, c.ordinal_position
              FROM information_schema.table_constraints tc
              JOIN information_schema.key_column_usage k
                ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
              JOIN information_schema.columns c
                ON c.table_schema = k.table_schema AND c.table_name = k.table_name AND c.column_name = k.column_name
             WHERE tc.table_schema = ? AND tc.table_name = ? AND tc.constraint_type = 'PRIMARY KEY'
             ORDER BY k.ordinal_position
            """;

    /** Inserts and deletes replace what is known about the key. %1$s: change table, %2$s: key columns, %3$s: their placeholders. */
    private static final String RECORD_INSERT_OR_DELETE = """
            MERGE INTO %1$s (%2$s, version, creation_version, operation, changed_at) KEY (%2$s)
            VALUES (%3$s, ?, ?, ?, CURRENT_TIMESTAMP)
            """;

    /** Updates keep the creation version. %1$s: change table, %2$s: "key = ?" per key column. */
    private static final String RECORD_UPDATE = """
            UPDATE %1$s SET version = ?, operation = 'U', changed_at = CURRENT_TIMESTAMP WHERE %2$s
            """;

    /** An update of a key changed before tracking began. */
    private static final String RECORD_FIRST_UPDATE = """
            INSERT INTO %1$s (%2$s, version, creation_version, operation, changed_at)
            VALUES (%3$s, ?, NULL, 'U', CURRENT_TIMESTAMP)
            """;

    private final H2VersionCounter versions = new H2VersionCounter();
    private int[] keyColumns;
    private String recordInsertOrDelete;
    private String recordUpdate;
    private String recordFirstUpdate;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName,
                     boolean before, int type) throws SQLException {
        H2VersionCounter.databaseOpened();
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY_COLUMNS)) {
            statement.setString(1, schemaName);
            statement.setString(2, tableName);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(quote(rows.getString(1)));
                    positions.add(rows.getInt(2) - 1);
                }
            }
        }
        if (names.isEmpty()) {
            throw new SQLException("Trigger " + triggerName + " needs a primary key on " + schemaName + "." + tableName);
        }
        keyColumns = positions.stream().mapToInt(Integer::intValue).toArray();
        String changeTable = quote(schemaName) + "." + quote("CT_" + tableName);
        String columns = String.join(", ", names);
        String placeholders = names.stream().map(name -> "?").collect(Collectors.joining(", "));
        String keyMatch = names.stream().map(name -> name + " = ?").collect(Collectors.joining(" AND "));
        recordInsertOrDelete = RECORD_INSERT_OR_DELETE.formatted(changeTable, columns, placeholders);
        recordUpdate = RECORD_UPDATE.formatted(changeTable, keyMatch);
        recordFirstUpdate = RECORD_FIRST_UPDATE.formatted(changeTable, columns, placeholders);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        long version = versions.next(connection);
        if (oldRow == null) {
            recordInsertOrDelete(connection, newRow, version, "I");
        } else if (newRow == null) {
            recordInsertOrDelete(connection, oldRow, version, "D");
        } else if (Arrays.equals(key(oldRow), key(newRow))) {
            recordUpdate(connection, newRow, version);
        } else {
            // A primary key update is a delete of the old key and an insert of the new one, as on SQL Server.
            recordInsertOrDelete(connection, oldRow, version, "D");
            recordInsertOrDelete(connection, newRow, version, "I");
        }
    }

    private void recordInsertOrDelete(Connection connection, Object[] row, long version, String operation)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(recordInsertOrDelete)) {
            int next = bindKey(statement, 1, row);
            statement.setLong(next, version);
            if ("I".equals(operation)) {
                statement.setLong(next + 1, version);
            } else {
                statement.setNull(next + 1, Types.BIGINT);
            }
            statement.setString(next + 2, operation);
            statement.executeUpdate();
        }
    }

    private void recordUpdate(Connection connection, Object[] row, long version) throws SQLException {
        int updated;
        try (PreparedStatement statement = connection.prepareStatement(recordUpdate)) {
            statement.setLong(1, version);
            bindKey(statement, 2, row);
            updated = statement.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement statement = connection.prepareStatement(recordFirstUpdate)) {
                int next = bindKey(statement, 1, row);
                statement.setLong(next, version);
                statement.executeUpdate();
            }
        }
    }

    /** Binds the row's key values from {@code index}; returns the next parameter index. */
    private int bindKey(PreparedStatement statement, int index, Object[] row) throws SQLException {
        for (int column : keyColumns) {
            statement.setObject(index++, row[column]);
        }
        return index;
    }

    private Object[] key(Object[] row) {
        return Arrays.stream(keyColumns).mapToObj(column -> row[column]).toArray();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
