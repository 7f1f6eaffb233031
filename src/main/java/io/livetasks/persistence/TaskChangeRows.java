package io.livetasks.persistence;

import io.livetasks.changefeed.Change;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns one row of {@link ChangeSql#selectChanges()} into a change event. */
final class TaskChangeRows {

    private TaskChangeRows() {
    }

    static Change<TaskChange> change(ResultSet rows) throws SQLException {
        long version = rows.getLong("version");
        long listId = rows.getLong("list_id");
        long taskId = rows.getLong("task_id");
        String operation = rows.getString("operation");
        // No current row for an insert or update can only mean it was deleted meanwhile; inside one
        // snapshot that cannot happen, but a reader must never announce a row that is not there.
        if ("D".equals(operation) || rows.getObject("current_id") == null) {
            return new Change<>(version, new TaskChange(TaskChange.DELETED, listId, taskId, null));
        }
        Task task = TaskRows.task(rows, taskId, listId);
        String action = switch (operation) {
            case "I" -> TaskChange.ADDED;
            case "U" -> rows.getBoolean("completed_changed") ? TaskChange.COMPLETED : TaskChange.UPDATED;
            default -> throw new SQLException("Unknown change operation '" + operation + "' for task " + taskId);
        };
        return new Change<>(version, new TaskChange(action, listId, taskId, task));
    }
}
