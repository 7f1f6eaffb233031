package io.livetasks.persistence.h2;

import io.livetasks.persistence.TaskSql;
import io.livetasks.persistence.TaskStatements;

/** Lists and tasks in H2; the change rows are written by {@link H2ChangeTrigger}, not here. */
public final class H2TaskStatements implements TaskStatements {

    private static final String INSERT_LIST = """
            SELECT id, name, created_at FROM FINAL TABLE (INSERT INTO task_list (name) VALUES (?))
            """;

    private static final String INSERT_MEMBER = """
            INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, ?)
            """;

    private static final String SELECT_LISTS = """
            SELECT l.id, l.name, l.created_at, m.role
              FROM task_list l JOIN list_member m ON m.list_id = l.id
             WHERE m.user_name = ?
             ORDER BY l.id
            """;

    private static final String SELECT_LIST = """
            SELECT l.id, l.name, l.created_at, m.role
              FROM task_list l JOIN list_member m ON m.list_id = l.id
             WHERE l.id = ? AND m.user_name = ?
            """;

    private static final String SELECT_TASKS = """
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM task WHERE list_id = ? ORDER BY id
            """;

    /** The larger of the current and the min valid version, as on SQL Server (see SqlServerTaskStatements). */
    private static final String SELECT_VERSION = """
            SELECT GREATEST(v, (SELECT v FROM ct_min_valid WHERE id = 1)) FROM ct_version WHERE id = 1
            """;

    /** Inserts nothing when the list does not exist, which the store reports as such. */
    private static final String INSERT_TASK = """
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM FINAL TABLE (
                INSERT INTO task (title, list_id) SELECT ?, id FROM task_list WHERE id = ?)
            """;

    private static final String SELECT_TASK = """
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM task WHERE id = ?
            """;

    /*
     * The updates and the delete take the expected row version last: NULL writes whatever the row version is
     * (no If-Match), a value writes only a row that still has it, checked by the statement itself. row_version
     * itself is set by the trigger H2RowVersionTrigger (V11), never here.
     */

    private static final String UPDATE_TITLE = """
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM FINAL TABLE (
                UPDATE task SET title = ?, updated_at = CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3))
                 WHERE id = ? AND row_version = COALESCE(CAST(? AS BIGINT), row_version))
            """;

    private static final String UPDATE_COMPLETED = """
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM FINAL TABLE (
                UPDATE task SET completed = ?, updated_at = CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3))
                 WHERE id = ? AND row_version = COALESCE(CAST(? AS BIGINT), row_version))
            """;

    private static final String UPDATE_BOTH = """
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM FINAL TABLE (
                UPDATE task SET title = ?, completed = ?,
                       updated_at = CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3))
                 WHERE id = ? AND row_version = COALESCE(CAST(? AS BIGINT), row_version))
            """;

    private static final String DELETE_TASK = """
            DELETE FROM task WHERE id = ? AND row_version = COALESCE(CAST(? AS BIGINT), row_version)
            """;

    /**
     * Inside the write's transaction, after its last tracked row: the version the emulation's trigger took for
     * this transaction. The transaction updated the counter row itself and holds its lock until commit, so this
     * is exactly the version its changes commit with (H2VersionCounter).
     */
    private static final String SELECT_WRITE_VERSION = """
            SELECT v FROM ct_version WHERE id = 1
            """;

    /** The owner first, then by name. */
    private static final String SELECT_MEMBERS = """
            SELECT user_name, role FROM list_member WHERE list_id = ?
             ORDER BY CASE WHEN role = 'owner' THEN 0 ELSE 1 END, user_name
            """;

    private static final String SELECT_ROLE = """
            SELECT role FROM list_member WHERE list_id = ? AND user_name = ?
            """;

    private static final String UPDATE_MEMBER = """
            UPDATE list_member SET role = ? WHERE list_id = ? AND user_name = ?
            """;

    private static final String DELETE_MEMBER = """
            DELETE FROM list_member WHERE list_id = ? AND user_name = ?
            """;

    @Override
    public String dialect() {
        return H2Dialect.NAME;
    }

    @Override
    public TaskSql sql() {
        return new TaskSql(INSERT_LIST, INSERT_MEMBER, SELECT_LISTS, SELECT_LIST, SELECT_TASKS, SELECT_VERSION,
                INSERT_TASK, SELECT_TASK, UPDATE_TITLE, UPDATE_COMPLETED, UPDATE_BOTH, DELETE_TASK,
                SELECT_MEMBERS, SELECT_ROLE, UPDATE_MEMBER, DELETE_MEMBER, SELECT_WRITE_VERSION);
    }
}
