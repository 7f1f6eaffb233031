package io.livetasks.persistence.h2;

/** The {@code list_presence} table's changes in the H2 emulation ({@code ct_list_presence}, written by {@link H2KeyChangeTrigger}). */
public final class H2PresenceChanges implements H2TableChanges {

    /**
     * The net change since ?1 per key, as CHANGETABLE(CHANGES list_presence, ?1) computes it on SQL Server, up to
     * ?2; {@code %s} is where the list filter of {@link #SELECT_CHANGES_FOR_LIST} goes.
     */
    private static final String CHANGES = """
            SELECT c.version,
                   CASE WHEN c.operation = 'D' THEN 'D'
                        WHEN c.creation_version > ?1 THEN 'I'
                        ELSE 'U' END AS operation,
                   c.list_id, c.user_name, c.instance_id,
                   p.user_name AS current_user_name
              FROM ct_list_presence c
              LEFT JOIN list_presence p
                ON p.list_id = c.list_id AND p.user_name = c.user_name AND p.instance_id = c.instance_id
             WHERE c.version > ?1 AND c.version <= ?2%s
             ORDER BY c.version, c.user_name, c.instance_id
            """;

    private static final String SELECT_CHANGES = CHANGES.formatted("");

    /** The same for one list (?3), for a client resuming it. */
    private static final String SELECT_CHANGES_FOR_LIST = CHANGES.formatted(" AND c.list_id = ?3");

    /** Where a page of about ?1 changes after ?2 (up to ?3) ends; {@code %s}: the list filter (?4). */
    private static final String PAGE_END = """
            SELECT MAX(page.version) AS page_end, COUNT(*) AS page_changes
              FROM (SELECT c.version FROM ct_list_presence c
                     WHERE c.version > ?2 AND c.version <= ?3%s
                     ORDER BY c.version FETCH FIRST ?1 ROWS ONLY) AS page
            """;

    private static final String SELECT_PAGE_END = PAGE_END.formatted("");

    private static final String SELECT_PAGE_END_FOR_LIST = PAGE_END.formatted(" AND c.list_id = ?4");

    private static final String SELECT_EXPIRED_VERSION = """
            SELECT MAX(version) FROM ct_list_presence WHERE changed_at < DATEADD(MILLISECOND, -?, CURRENT_TIMESTAMP)
            """;

    private static final String DELETE_CHANGES = """
            DELETE FROM ct_list_presence WHERE version <= ?
            """;

    @Override
    public String table() {
        return "list_presence";
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
