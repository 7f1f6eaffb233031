package io.livetasks.persistence.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.api.Trigger;

/**
 * Gives a row a new row version on every update, as SQL Server's {@code rowversion} does (created on
 * {@code task} by {@code db/migration/h2/V11__add_task_row_version.sql}). A BEFORE UPDATE row trigger, run
 * by H2 for every writer (the application, a DBA's shell, another process through AUTO_SERVER), that sets the
 * new row's {@code row_version} to the next value of {@code <table>_row_version_seq}.
 *
 * <p>Why not the column's {@code ON UPDATE} clause: H2 applies it only when some other value of the row
 * changed, so {@code UPDATE task SET title = title} would keep the version. The trigger also overrides a
 * writer who sets {@code row_version} himself, which on SQL Server is impossible too. New rows take the
 * column's DEFAULT, the same sequence. A sequence never gives a value out twice, so a row's new version
 * always differs from every version it had; the values need not follow commit order (they are compared for
 * equality only).
 *
 * <p>H2 loads this class by name, not the application, so it may depend only on {@code java.*} and
 * {@code org.h2.api}; see {@link H2TriggerClasses} for how H2 finds it inside the server.
 */
public class H2RowVersionTrigger implements Trigger {

    private static final String COLUMN = "row_version";

    private static final String COLUMN_POSITION = """
            SELECT ordinal_position FROM information_schema.columns
             WHERE table_schema = ? AND table_name = ? AND LOWER(column_name) = ?
            """;

    /** {@code %s}: the table's sequence, quoted. */
    private static final String NEXT_VALUE = """
            SELECT NEXT VALUE FOR %s
            """;

    private int rowVersionColumn = -1;
    private String nextValue;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName,
                     boolean before, int type) throws SQLException {
        if (!before || type != UPDATE) {
            throw new SQLException("Trigger " + triggerName + " must be BEFORE UPDATE");
        }
        try (PreparedStatement statement = connection.prepareStatement(COLUMN_POSITION)) {
            statement.setString(1, schemaName);
            statement.setString(2, tableName);
            statement.setString(3, COLUMN);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    rowVersionColumn = rows.getInt(1) - 1;
                }
            }
        }
        if (rowVersionColumn < 0) {
            throw new SQLException("Trigger " + triggerName + " expects a column " + COLUMN + " on " + schemaName + "." + tableName);
        }
        String sequence = tableName.toUpperCase(Locale.ROOT) + "_ROW_VERSION_SEQ";
        nextValue = NEXT_VALUE.formatted("\"" + schemaName.replace("\"", "\"\"") + "\".\"" + sequence.replace("\"", "\"\"") + "\"");
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(nextValue);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            newRow[rowVersionColumn] = rows.getLong(1);
        }
    }
}
