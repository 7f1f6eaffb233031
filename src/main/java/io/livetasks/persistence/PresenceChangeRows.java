package io.livetasks.persistence;

import io.livetasks.task.PresenceChange;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the rows of the {@code list_presence} table's change queries (see {@link TableChanges#selectChanges()}):
 * besides the common columns, the key ({@code user_name}, {@code instance_id}) and {@code current_user_name},
 * NULL when the row is gone now.
 */
final class PresenceChangeRows {

    private PresenceChangeRows() {
    }

    static PresenceChange payload(ResultSet rows) throws SQLException {
        boolean present = !"D".equals(rows.getString("operation")) && rows.getString("current_user_name") != null;
        return new PresenceChange(rows.getLong("list_id"), rows.getString("user_name"), rows.getString("instance_id"),
                present);
    }
}
