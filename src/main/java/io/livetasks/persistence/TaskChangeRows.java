package io.livetasks.persistence;

import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the rows of the {@code task} table's change queries (see {@link TableChanges#selectChanges()}):
 * besides the common columns, {@code completed_changed} (whether an update since the reader's version
 * changed {@code completed}), {@code task_id}, and the current row joined by key: {@code current_id}
 * (NULL when there is no current row), {@code title}, {@code completed}, {@code created_at},
 * {@code updated_at}, {@code row_version} (a BIGINT).
 */
final class TaskChangeRows {

    private TaskChangeRows() {
    }

    static TaskChange payload(ResultSet rows) throws SQLException {
        long listId = rows.getLong("list_id");
        long taskId = rows.getLong("task_id");
        String operation = rows.getString("operation");
        // No current row for an insert or update can only mean it was deleted meanwhile; inside one
        // snapshot that cannot happen, but a reader must never announce a row that is not there.
        if ("D".equals(operation) || rows.getObject("current_id") == null) {
            return new TaskChange(TaskChange.DELETED, listId, taskId, null);
        }
        Task task = TaskRows.task(rows, taskId, listId);
        String action = switch (operation) {
            case "I" -> TaskChange.ADDED;
            case "U" -> rows.getBoolean("completed_changed") ? TaskChange.COMPLETED : TaskChange.UPDATED;
            default -> throw new SQLException("Unknown change operation '" + operation + "' for task " + taskId);
        };
        return new TaskChange(action, listId, taskId, task);
    }
}
