package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.TaskSql;
import io.livetasks.persistence.TaskStatements;

/** Lists and tasks in SQL Server; change tracking records every write by itself. */
public final class SqlServerTaskStatements implements TaskStatements {

    /*
     * Every statement that returns the rows it wrote uses OUTPUT ... INTO a table variable and selects from it:
     * a plain OUTPUT clause (without INTO) fails as soon as the table has an enabled trigger, which a DBA may add
     * at any time (SQL Server error 334). SET NOCOUNT ON keeps the INSERT/UPDATE's row count from arriving
     * before the result set, and is set back OFF before the SELECT: the pooled session keeps its row counts,
     * which other statements (DELETE) rely on.
     */

    private static final String INSERT_LIST = """
            SET NOCOUNT ON;
            DECLARE @written TABLE (id BIGINT, name NVARCHAR(200), created_at DATETIME2(3));
            INSERT INTO dbo.task_list (name)
            OUTPUT INSERTED.id, INSERTED.name, INSERTED.created_at INTO @written
            VALUES (?);
            SET NOCOUNT OFF;
            SELECT id, name, created_at FROM @written;
            """;

    private static final String INSERT_MEMBER = """
            INSERT INTO dbo.list_member (list_id, user_name, role) VALUES (?, ?, ?)
            """;

    private static final String SELECT_LISTS = """
            SELECT l.id, l.name, l.created_at, m.role
              FROM dbo.task_list AS l JOIN dbo.list_member AS m ON m.list_id = l.id
             WHERE m.user_name = ?
             ORDER BY l.id
            """;

    private static final String SELECT_LIST = """
            SELECT l.id, l.name, l.created_at, m.role
              FROM dbo.task_list AS l JOIN dbo.list_member AS m ON m.list_id = l.id
             WHERE l.id = ? AND m.user_name = ?
            """;

    private static final String SELECT_TASKS = """
            SELECT list_id, id, title, completed, created_at, updated_at, CAST(row_version AS BIGINT) AS row_version
              FROM dbo.task WHERE list_id = ? ORDER BY id
            """;

    /**
     * Read first, before the tasks: CHANGE_TRACKING_CURRENT_VERSION() reads no table, so it does not start
     * the SNAPSHOT transaction, which begins with the first table read. Reading the version first can only
     * make it older than the tasks (a client then receives a change it already has, which is harmless),
     * never newer (which would skip a change). When a tracked table's min valid version is above the current
     * version (after a TRUNCATE, or tracking re-enabled), that is the version to resume from: a client given
     * the current version would be told to resync on every subscribe until the next write. MAX ignores the
     * NULL of a table without tracking; with tracking off for the database all are NULL (reported as an error).
     * The tables are those the list feed reads (TrackedTables): task, list_member and list_presence.
     */
    private static final String SELECT_VERSION = """
            SELECT MAX(v) FROM (VALUES (CHANGE_TRACKING_CURRENT_VERSION()),
                                       (CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.task'))),
                                       (CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.list_member'))),
                                       (CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.list_presence')))) AS versions (v)
            """;

    /** Inserts nothing when the list does not exist, which the store reports as such. */
    private static final String INSERT_TASK = """
            SET NOCOUNT ON;
            DECLARE @written TABLE (list_id BIGINT, id BIGINT, title NVARCHAR(500), completed BIT,
                                    created_at DATETIME2(3), updated_at DATETIME2(3), row_version BIGINT);
            INSERT INTO dbo.task (title, list_id)
            OUTPUT INSERTED.list_id, INSERTED.id, INSERTED.title, INSERTED.completed,
                   INSERTED.created_at, INSERTED.updated_at, CAST(INSERTED.row_version AS BIGINT) INTO @written
            SELECT ?, id FROM dbo.task_list WHERE id = ?;
            SET NOCOUNT OFF;
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM @written;
            """;

    private static final String SELECT_TASK = """
            SELECT list_id, id, title, completed, created_at, updated_at, CAST(row_version AS BIGINT) AS row_version
              FROM dbo.task WHERE id = ?
            """;

    /*
     * Row versions: dbo.task.row_version is a rowversion (binary(8), V11), which SQL Server sets on every insert
     * and update by itself. The statements read it as CAST(row_version AS BIGINT) (big-endian, so the API's 16
     * hex digits are the column's 8 bytes) and take the expected one as a BIGINT, CAST back to BINARY(8): NULL
     * writes whatever the row version is (no If-Match), a value writes only a row that still has it, checked by
     * the UPDATE or DELETE itself. A table variable cannot hold a rowversion column, hence BIGINT in @written.
     */

    private static final String UPDATE_TITLE = """
            SET NOCOUNT ON;
            DECLARE @written TABLE (list_id BIGINT, id BIGINT, title NVARCHAR(500), completed BIT,
                                    created_at DATETIME2(3), updated_at DATETIME2(3), row_version BIGINT);
            UPDATE dbo.task SET title = ?, updated_at = SYSUTCDATETIME()
            OUTPUT INSERTED.list_id, INSERTED.id, INSERTED.title, INSERTED.completed,
                   INSERTED.created_at, INSERTED.updated_at, CAST(INSERTED.row_version AS BIGINT) INTO @written
            WHERE id = ? AND row_version = COALESCE(CAST(? AS BINARY(8)), row_version);
            SET NOCOUNT OFF;
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM @written;
            """;

    private static final String UPDATE_COMPLETED = """
            SET NOCOUNT ON;
            DECLARE @written TABLE (list_id BIGINT, id BIGINT, title NVARCHAR(500), completed BIT,
                                    created_at DATETIME2(3), updated_at DATETIME2(3), row_version BIGINT);
            UPDATE dbo.task SET completed = ?, updated_at = SYSUTCDATETIME()
            OUTPUT INSERTED.list_id, INSERTED.id, INSERTED.title, INSERTED.completed,
                   INSERTED.created_at, INSERTED.updated_at, CAST(INSERTED.row_version AS BIGINT) INTO @written
            WHERE id = ? AND row_version = COALESCE(CAST(? AS BINARY(8)), row_version);
            SET NOCOUNT OFF;
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM @written;
            """;

    private static final String UPDATE_BOTH = """
            SET NOCOUNT ON;
            DECLARE @written TABLE (list_id BIGINT, id BIGINT, title NVARCHAR(500), completed BIT,
                                    created_at DATETIME2(3), updated_at DATETIME2(3), row_version BIGINT);
            UPDATE dbo.task SET title = ?, completed = ?, updated_at = SYSUTCDATETIME()
            OUTPUT INSERTED.list_id, INSERTED.id, INSERTED.title, INSERTED.completed,
                   INSERTED.created_at, INSERTED.updated_at, CAST(INSERTED.row_version AS BIGINT) INTO @written
            WHERE id = ? AND row_version = COALESCE(CAST(? AS BINARY(8)), row_version);
            SET NOCOUNT OFF;
            SELECT list_id, id, title, completed, created_at, updated_at, row_version FROM @written;
            """;

    private static final String DELETE_TASK = """
            DELETE FROM dbo.task WHERE id = ? AND row_version = COALESCE(CAST(? AS BINARY(8)), row_version)
            """;

    /** The owner first, then by name. */
    private static final String SELECT_MEMBERS = """
            SELECT user_name, role FROM dbo.list_member WHERE list_id = ?
             ORDER BY CASE WHEN role = 'owner' THEN 0 ELSE 1 END, user_name
            """;

    private static final String SELECT_ROLE = """
            SELECT role FROM dbo.list_member WHERE list_id = ? AND user_name = ?
            """;

    private static final String UPDATE_MEMBER = """
            UPDATE dbo.list_member SET role = ? WHERE list_id = ? AND user_name = ?
            """;

    private static final String DELETE_MEMBER = """
            DELETE FROM dbo.list_member WHERE list_id = ? AND user_name = ?
            """;

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
    }

    @Override
    public TaskSql sql() {
        return new TaskSql(INSERT_LIST, INSERT_MEMBER, SELECT_LISTS, SELECT_LIST, SELECT_TASKS, SELECT_VERSION,
                INSERT_TASK, SELECT_TASK, UPDATE_TITLE, UPDATE_COMPLETED, UPDATE_BOTH, DELETE_TASK,
                SELECT_MEMBERS, SELECT_ROLE, UPDATE_MEMBER, DELETE_MEMBER, null);
    }
}
