package io.livetasks.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes made the way a DBA or a batch job would: plain SQL on a connection of its own, not through the
 * TaskStore. The statements run unchanged on H2 and SQL Server.
 */
public final class PlainSql {

    private PlainSql() {
    }

    public static void insertTask(Connection connection, long listId, String title) throws SQLException {
        execute(connection, "INSERT INTO task (list_id, title) VALUES (?, ?)", listId, title);
    }

    public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
