package io.livetasks.persistence;

/**
 * The statements a {@link JdbcTaskStore} runs, written by each dialect in its own SQL. Parameters are
 * listed in the order they are bound; statements marked "rows" return full {@code task_list} or
 * {@code task} rows (all columns, by their schema names); "member rows" add the reader's {@code role}.
 *
 * @param insertList        (name) → rows: the new list
 * @param insertMember      (listId, user, role) → update count
 * @param selectLists       (user) → member rows: the lists the user is a member of, oldest first
 * @param selectList        (listId, user) → member rows: the list, or none when it does not exist or the
 *                          user is no member
 * @param selectTasks       (listId) → rows: the list's tasks, oldest first
 * @param selectVersion     () → one row, one column: the current change-tracking version
 * @param insertTask        (title, listId) → rows: the new task, or none when the list does not exist
 * @param selectTask        (taskId) → rows: the task, or none
 * @param updateTitle       (title, taskId, expectedRowVersion) → rows: the updated task, or none (no such task, or
 *                          its row version is not the expected one; NULL expects any); also sets updated_at
 * @param updateCompleted   (completed, taskId, expectedRowVersion) → rows: as above
 * @param updateBoth        (title, completed, taskId, expectedRowVersion) → rows: as above
 * @param deleteTask        (taskId, expectedRowVersion) → update count: 0 when there is no such task or its row
 *                          version is not the expected one (NULL expects any)
 * @param selectMembers     (listId) → {@code user_name}, {@code role}: owner first, then by name
 * @param selectRole        (listId, user) → {@code role}, or none
 * @param updateMember      (role, listId, user) → update count
 * @param deleteMember      (listId, user) → update count
 * @param selectWriteVersion () → one row, one column, run inside a write's transaction after its last write:
 *                          exactly the change version the transaction commits with; {@code null} where the
 *                          database cannot tell it before the commit (then {@code selectVersion} is read right
 *                          after the commit, which is at least as high: see {@link JdbcTaskStore})
 *
 * <p>Task rows include {@code row_version} as a BIGINT; expected row versions are bound as BIGINT.
 */
public record TaskSql(
        String insertList,
        String insertMember,
        String selectLists,
        String selectList,
        String selectTasks,
        String selectVersion,
        String insertTask,
        String selectTask,
        String updateTitle,
        String updateCompleted,
        String updateBoth,
        String deleteTask,
        String selectMembers,
        String selectRole,
        String updateMember,
        String deleteMember,
        String selectWriteVersion) {
}
