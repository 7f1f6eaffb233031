package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.TableChanges;

/**
 * The {@code task} table's changes from SQL Server's native change tracking, read with
 * {@code CHANGETABLE(CHANGES ...)} in one SNAPSHOT transaction (Microsoft's recipe; see
 * {@code JdbcChangeSource}). Retention and cleanup are SQL Server's own ({@code CHANGE_RETENTION} in
 * {@code V2__enable_change_tracking.sql}).
 */
public final class SqlServerTaskChanges implements TableChanges {

    private static final String SELECT_MIN_VALID_VERSION = """
            SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.task'))
            """;

    /**
     * One row per changed key with its net change after the first parameter. CHANGETABLE's version argument
     * must be a scalar value or variable (a parameter is one), never an expression. SYS_CHANGE_COLUMNS is NULL
     * for an update when every non-key column was set, which includes completed. The version bound keeps
     * the batch to what the current version read before covers. {@code %s}: the list filter of
     * {@link #SELECT_CHANGES_FOR_LIST}.
     */
    private static final String CHANGES = """
            SELECT ct.SYS_CHANGE_VERSION AS version,
                   ct.SYS_CHANGE_OPERATION AS operation,
                   CASE WHEN ct.SYS_CHANGE_COLUMNS IS NULL THEN 1
                        ELSE CHANGE_TRACKING_IS_COLUMN_IN_MASK(
                                 COLUMNPROPERTY(OBJECT_ID('dbo.task'), 'completed', 'ColumnId'),
                                 ct.SYS_CHANGE_COLUMNS) END AS completed_changed,
                   ct.list_id, ct.id AS task_id,
                   t.id AS current_id, t.title, t.completed, t.created_at, t.updated_at,
                   CAST(t.row_version AS BIGINT) AS row_version
              FROM CHANGETABLE(CHANGES dbo.task, ?) AS ct
              LEFT JOIN dbo.task AS t ON t.list_id = ct.list_id AND t.id = ct.id
             WHERE ct.SYS_CHANGE_VERSION <= ?%s
             ORDER BY ct.SYS_CHANGE_VERSION, ct.id
            """;

    private static final String SELECT_CHANGES = CHANGES.formatted("");

    /** The same for one list (a client resuming it): the third parameter is the list id. */
    private static final String SELECT_CHANGES_FOR_LIST = CHANGES.formatted(" AND ct.list_id = ?");

    /**
     * Where a page of about ?1 changes after ?2 (up to ?3) ends: the version of the last of the first ?1 changes
     * in version order ({@code TOP} takes a parameter in parentheses). {@code %s}: the list filter (?4).
     */
    private static final String PAGE_END = """
            SELECT MAX(page.version) AS page_end, COUNT(*) AS page_changes
              FROM (SELECT TOP (?) ct.SYS_CHANGE_VERSION AS version
                      FROM CHANGETABLE(CHANGES dbo.task, ?) AS ct
                     WHERE ct.SYS_CHANGE_VERSION <= ?%s
                     ORDER BY ct.SYS_CHANGE_VERSION) AS page
            """;

    private static final String SELECT_PAGE_END = PAGE_END.formatted("");

    private static final String SELECT_PAGE_END_FOR_LIST = PAGE_END.formatted(" AND ct.list_id = ?");

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
    }

    @Override
    public String table() {
        return "task";
    }

    @Override
    public String selectMinValidVersion() {
        return SELECT_MIN_VALID_VERSION;
    }

    @Override
    public String selectChanges() {
        return SELECT_CHANGES;
    }

    @Override
    public String selectChangesForKey() {
        return SELECT_CHANGES_FOR_LIST;
    }

    @Override
    public String selectPageEnd() {
        return SELECT_PAGE_END;
    }

    @Override
    public String selectPageEndForKey() {
        return SELECT_PAGE_END_FOR_LIST;
    }
}
