package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.TableChanges;

/**
 * The {@code list_presence} table's changes from SQL Server's native change tracking
 * ({@code V13__create_list_presence.sql}); read like {@link SqlServerTaskChanges}.
 */
public final class SqlServerPresenceChanges implements TableChanges {

    private static final String SELECT_MIN_VALID_VERSION = """
            SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.list_presence'))
            """;

    /**
     * One row per changed presence row with its net change after the first parameter, up to the second, joined
     * to the current row. {@code %s}: the list filter of {@link #SELECT_CHANGES_FOR_LIST}.
     */
    private static final String CHANGES = """
            SELECT ct.SYS_CHANGE_VERSION AS version,
                   ct.SYS_CHANGE_OPERATION AS operation,
                   ct.list_id, ct.user_name, ct.instance_id,
                   p.user_name AS current_user_name
              FROM CHANGETABLE(CHANGES dbo.list_presence, ?) AS ct
              LEFT JOIN dbo.list_presence AS p
                ON p.list_id = ct.list_id AND p.user_name = ct.user_name AND p.instance_id = ct.instance_id
             WHERE ct.SYS_CHANGE_VERSION <= ?%s
             ORDER BY ct.SYS_CHANGE_VERSION, ct.user_name, ct.instance_id
            """;

    private static final String SELECT_CHANGES = CHANGES.formatted("");

    /** The same for one list: the third parameter is the list id. */
    private static final String SELECT_CHANGES_FOR_LIST = CHANGES.formatted(" AND ct.list_id = ?");

    /**
     * Where a page of about ?1 changes after ?2 (up to ?3) ends: the version of the last of the first ?1 changes
     * in version order ({@code TOP} takes a parameter in parentheses). {@code %s}: the list filter (?4).
     */
    private static final String PAGE_END = """
            SELECT MAX(page.version) AS page_end, COUNT(*) AS page_changes
              FROM (SELECT TOP (?) ct.SYS_CHANGE_VERSION AS version
                      FROM CHANGETABLE(CHANGES dbo.list_presence, ?) AS ct
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
        return "list_presence";
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
