package io.livetasks.persistence.h2;

/** The {@code task} table's changes in the H2 emulation ({@code ct_task}, written by {@link H2ChangeTrigger}). */
public final class H2TaskChanges implements H2TableChanges {

    /**
     * The net change since ?1 per key, as CHANGETABLE(CHANGES task, ?1) computes it on SQL Server, up to ?2;
     * {@code %s} is where the list filter of {@link #SELECT_CHANGES_FOR_LIST} goes.
     */
    private static final String CHANGES = """
            SELECT c.version,
                   CASE WHEN c.operation = 'D' THEN 'D'
                        WHEN c.creation_version > ?1 THEN 'I'
                        ELSE 'U' END AS operation,
                   COALESCE(c.completed_version > ?1, FALSE) AS completed_changed,
                   c.list_id, c.task_id,
                   t.id AS current_id, t.title, t.completed, t.created_at, t.updated_at, t.row_version
              FROM ct_task c
              LEFT JOIN task t ON t.list_id = c.list_id AND t.id = c.task_id
             WHERE c.version > ?1 AND c.version <= ?2%s
             ORDER BY c.version, c.task_id
            """;

    private static final String SELECT_CHANGES = CHANGES.formatted("");

    /** The same for one list (?3), for a client resuming it. */
    private static final String SELECT_CHANGES_FOR_LIST = CHANGES.formatted(" AND c.list_id = ?3");

    /** Where a page of about ?1 changes after ?2 (up to ?3) ends; {@code %s}: the list filter (?4). */
    private static final String PAGE_END = """
            SELECT MAX(page.version) AS page_end, COUNT(*) AS page_changes
              FROM (SELECT c.version FROM ct_task c
                     WHERE c.version > ?2 AND c.version <= ?3%s
                     ORDER BY c.version FETCH FIRST ?1 ROWS ONLY) AS page
            """;

    private static final String SELECT_PAGE_END = PAGE_END.formatted("");

    private static final String SELECT_PAGE_END_FOR_LIST = PAGE_END.formatted(" AND c.list_id = ?4");

    private static final String SELECT_EXPIRED_VERSION = """
            SELECT MAX(version) FROM ct_task WHERE changed_at < DATEADD(MILLISECOND, -?, CURRENT_TIMESTAMP)
            """;

    private static final String DELETE_CHANGES = """
            DELETE FROM ct_task WHERE version <= ?
            """;

    @Override
    public String table() {
        return "task";
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
    public String selectExpiredVersion() {
        return SELECT_EXPIRED_VERSION;
    }

    @Override
    public String deleteChangesThrough() {
        return DELETE_CHANGES;
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
