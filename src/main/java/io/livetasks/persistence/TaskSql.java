package io.livetasks.persistence;

/**
 * The statements a {@link JdbcTaskStore} runs, written by each dialect in its own SQL. Parameters are
 * listed in the order they are bound; statements marked "rows" return full {@code task_list} or
 * {@code task} rows (all columns, by their schema names).
 *
 * @param insertList        (name) → rows: the new list
 * @param selectLists       () → rows: all lists, oldest first
 * @param selectList        (listId) → rows: the list, or none
 * @param selectTasks       (listId) → rows: the list's tasks, oldest first
 * @param selectVersion     () → one row, one column: the current change-tracking version
 * @param insertTask        (title, listId) → rows: the new task, or none when the list does not exist
 * @param selectTask        (taskId) → rows: the task, or none
 * @param updateTitle       (title, taskId) → rows: the updated task, or none; also sets updated_at
 * @param updateCompleted   (completed, taskId) → rows: as above
 * @param updateBoth        (title, completed, taskId) → rows: as above
 * @param deleteTask        (taskId) → update count
 */
public record TaskSql(
        String insertList,
        String selectLists,
        String selectList,
        String selectTasks,
        String selectVersion,
        String insertTask,
        String selectTask,
        String updateTitle,
        String updateCompleted,
        String updateBoth,
        String deleteTask) {
}
