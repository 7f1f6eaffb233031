package io.livetasks.persistence;

import io.livetasks.task.MemberChange;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the rows of the {@code list_member} table's change queries (see {@link TableChanges#selectChanges()}):
 * besides the common columns, {@code user_name} (the key) and the current row joined by key:
 * {@code current_user_name} (NULL when there is no current row) and {@code role}.
 */
final class MemberChangeRows {

    private MemberChangeRows() {
    }

    static MemberChange payload(ResultSet rows) throws SQLException {
        long listId = rows.getLong("list_id");
        String user = rows.getString("user_name");
        String operation = rows.getString("operation");
        if ("D".equals(operation) || rows.getString("current_user_name") == null) {
            return new MemberChange(MemberChange.REMOVED, listId, user, null);
        }
        String action = switch (operation) {
            case "I" -> MemberChange.ADDED;
            case "U" -> MemberChange.UPDATED;
            default -> throw new SQLException("Unknown change operation '" + operation + "' for member " + user);
        };
        return new MemberChange(action, listId, user, rows.getString("role"));
    }
}
