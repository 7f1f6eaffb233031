package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.TableChanges;

/**
 * The {@code publish_outbox} table's changes from SQL Server's native change tracking
 * ({@code V10__create_publish_outbox.sql}), read like {@link SqlServerMemberChanges}: rows inserted after the
 * first parameter, up to the second, joined to the row (a row the cleanup deleted has nothing left to send).
 * The outbox has no partition key: {@code list_id} is 0, and the keyed query only accepts key 0.
 */
public final class SqlServerPublishChanges implements TableChanges {

    private static final String SELECT_MIN_VALID_VERSION = """
            SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.publish_outbox'))
            """;

    private static final String CHANGES = """
            SELECT ct.SYS_CHANGE_VERSION AS version,
                   ct.SYS_CHANGE_OPERATION AS operation,
                   CAST(0 AS BIGINT) AS list_id,
                   o.id, o.hub, o.action, o.group_name, o.recipient, o.message
              FROM CHANGETABLE(CHANGES dbo.publish_outbox, ?) AS ct
              JOIN dbo.publish_outbox AS o ON o.id = ct.id
             WHERE ct.SYS_CHANGE_VERSION <= ? AND ct.SYS_CHANGE_OPERATION = 'I'%s
             ORDER BY ct.SYS_CHANGE_VERSION, ct.id
            """;

    private static final String SELECT_CHANGES = CHANGES.formatted("");

    private static final String SELECT_CHANGES_FOR_KEY = CHANGES.formatted(" AND CAST(? AS BIGINT) = 0");

    /**
     * Where a page of about the first parameter's changes after the second (up to the third) ends. It counts
     * every tracked change of the outbox (rows are only inserted, and deleted by the cleanup), a superset of
     * the rows {@link #CHANGES} returns: a page may hold fewer rows than asked, never split a version.
     */
    private static final String PAGE_END = """
            SELECT MAX(page.version) AS page_end, COUNT(*) AS page_changes
              FROM (SELECT TOP (?) ct.SYS_CHANGE_VERSION AS version
                      FROM CHANGETABLE(CHANGES dbo.publish_outbox, ?) AS ct
                     WHERE ct.SYS_CHANGE_VERSION <= ?%s
                     ORDER BY ct.SYS_CHANGE_VERSION) AS page
            """;

    private static final String SELECT_PAGE_END = PAGE_END.formatted("");

    private static final String SELECT_PAGE_END_FOR_KEY = PAGE_END.formatted(" AND CAST(? AS BIGINT) = 0");

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
    }

    @Override
    public String table() {
        return "publish_outbox";
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
}
