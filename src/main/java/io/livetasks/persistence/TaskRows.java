package io.livetasks.persistence;

import io.livetasks.task.Task;
import io.livetasks.task.TaskList;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads {@code task_list} and {@code task} rows by column name; both schemas use the same names. */
final class TaskRows {

    private TaskRows() {
    }

    /** A list row with the reader's {@code role} joined from {@code list_member}. */
    static TaskList list(ResultSet rows) throws SQLException {
        return list(rows, rows.getString("role"));
    }

    static TaskList list(ResultSet rows, String role) throws SQLException {
        return new TaskList(rows.getLong("id"), rows.getString("name"), Jdbc.utc(rows, "created_at"), role);
    }

    static Task task(ResultSet rows) throws SQLException {
        return task(rows, rows.getLong("id"), rows.getLong("list_id"));
    }

    /** A task whose key columns the caller has read already (e.g. from a change row). */
    static Task task(ResultSet rows, long id, long listId) throws SQLException {
        return new Task(id, listId, rows.getString("title"), rows.getBoolean("completed"),
                Jdbc.utc(rows, "created_at"), Jdbc.utc(rows, "updated_at"), RowVersions.format(rows.getLong("row_version")));
    }
}
