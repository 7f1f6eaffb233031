package io.livetasks.persistence.h2;

/**
 * The {@code publish_outbox} table's changes in the H2 emulation ({@code ct_publish_outbox}, written by
 * {@link H2KeyChangeTrigger}): rows inserted after ?1 up to ?2 and still present, joined to the row. The outbox
 * has no partition key: {@code list_id} is 0, and the keyed query only accepts key 0.
 */
public final class H2PublishChanges implements H2TableChanges {

    private static final String CHANGES = """
            SELECT c.version, 'I' AS operation, CAST(0 AS BIGINT) AS list_id,
                   o.id, o.hub, o.action, o.group_name, o.recipient, o.message
              FROM ct_publish_outbox c
              JOIN publish_outbox o ON o.id = c.id
             WHERE c.version > ?1 AND c.version <= ?2 AND c.creation_version > ?1%s
             ORDER BY c.version, c.id
            """;

    private static final String SELECT_CHANGES = CHANGES.formatted("");

    private static final String SELECT_CHANGES_FOR_KEY = CHANGES.formatted(" AND ?3 = 0");

    /**
     * Where a page of about ?1 changes after ?2 (up to ?3) ends; {@code %s}: the key filter (?4). Counts every
     * change row of the outbox, a superset of what {@link #CHANGES} returns: a page may hold fewer rows than
     * asked, never split a version.
     */
    private static final String PAGE_END = """
            SELECT MAX(page.version) AS page_end, COUNT(*) AS page_changes
              FROM (SELECT c.version FROM ct_publish_outbox c
                     WHERE c.version > ?2 AND c.version <= ?3%s
                     ORDER BY c.version FETCH FIRST ?1 ROWS ONLY) AS page
            """;

    private static final String SELECT_PAGE_END = PAGE_END.formatted("");

    private static final String SELECT_PAGE_END_FOR_KEY = PAGE_END.formatted(" AND ?4 = 0");

    private static final String SELECT_EXPIRED_VERSION = """
            SELECT MAX(version) FROM ct_publish_outbox WHERE changed_at < DATEADD(MILLISECOND, -?, CURRENT_TIMESTAMP)
            """;

    private static final String DELETE_CHANGES = """
            DELETE FROM ct_publish_outbox WHERE version <= ?
            """;

    @Override
    public String table() {
        return "publish_outbox";
    }

    @Override
    public String selectChanges() {
        return SELECT_CHANGES;
    }

    @Override
    public String selectChangesForKey() {
        return SELECT_CHANGES_FOR_KEY;
    }

    @Override
    public String selectPageEnd() {
        return SELECT_PAGE_END;
    }

    @Override
    public String selectPageEndForKey() {
        return SELECT_PAGE_END_FOR_KEY;
    }

    @Override
    public String selectExpiredVersion() {
        return SELECT_EXPIRED_VERSION;
    }

    @Override
    public String deleteChangesThrough() {
        return DELETE_CHANGES;
    }
}
