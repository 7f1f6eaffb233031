package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.SchemaChecks;

/**
 * The start-up checks of {@code livetasks.db.migrate=validate} on SQL Server and Azure SQL. They use
 * functions any login may call, so that a least-privilege login can run them: catalog views such as
 * {@code sys.change_tracking_tables} show only what a login has permissions on.
 */
public final class SqlServerSchemaChecks implements SchemaChecks {

    /** sys.databases shows every login its current database; snapshot_isolation_state 1 is ON. */
    private static final String SELECT_SNAPSHOT_ISOLATION_ON = """
            SELECT CASE WHEN snapshot_isolation_state = 1 THEN 1 ELSE 0 END
              FROM sys.databases WHERE database_id = DB_ID()
            """;

    /** NULL when change tracking is off for the database. */
    private static final String SELECT_CHANGE_TRACKING_ON = """
            SELECT CASE WHEN CHANGE_TRACKING_CURRENT_VERSION() IS NULL THEN 0 ELSE 1 END
            """;

    /**
     * The min valid version is NULL when the table is not tracked (or the login may not see its changes,
     * which the VIEW CHANGE TRACKING permission check reports on its own).
     */
    private static final String SELECT_TABLE_TRACKED = """
            SELECT CASE WHEN CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(CONCAT('dbo.', ?))) IS NULL THEN 0 ELSE 1 END
            """;

    /** OBJECT_ID is NULL for a table that does not exist and for one the login has no permission on at all. */
    private static final String SELECT_TABLE_VISIBLE = """
            SELECT CASE WHEN OBJECT_ID(CONCAT('dbo.', ?), 'U') IS NULL THEN 0 ELSE 1 END
            """;

    /** HAS_PERMS_BY_NAME: 1 granted (directly, through a role or ownership), 0 not, NULL no such table. */
    private static final String SELECT_PERMISSION = """
            SELECT HAS_PERMS_BY_NAME(CONCAT('dbo.', ?), 'OBJECT', ?)
            """;

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
    }

    @Override
    public String selectSnapshotIsolationOn() {
        return SELECT_SNAPSHOT_ISOLATION_ON;
    }

    @Override
    public String selectChangeTrackingOn() {
        return SELECT_CHANGE_TRACKING_ON;
    }

    @Override
    public String selectTableTracked() {
        return SELECT_TABLE_TRACKED;
    }

    @Override
    public String selectTableVisible() {
        return SELECT_TABLE_VISIBLE;
    }

    @Override
    public String selectPermission() {
        return SELECT_PERMISSION;
    }
}
