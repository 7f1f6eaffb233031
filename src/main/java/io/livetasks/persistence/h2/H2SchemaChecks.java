package io.livetasks.persistence.h2;

import io.livetasks.persistence.SchemaChecks;

/**
 * The start-up checks of {@code livetasks.db.migrate=validate} on the embedded database: the emulation's
 * version counter and each tracked table's trigger. H2 has no snapshot isolation setting to turn on (its
 * SERIALIZABLE reads one snapshot), and the embedded database's one user owns everything.
 */
public final class H2SchemaChecks implements SchemaChecks {

    private static final String SELECT_SNAPSHOT_ISOLATION_ON = """
            SELECT 1
            """;

    private static final String SELECT_CHANGE_TRACKING_ON = """
            SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'CT_VERSION'
            """;

    /**
     * A trigger on the table is the emulation's change tracking of it (INFORMATION_SCHEMA lists it once per
     * event). Unquoted names are stored in upper case, Flyway's quoted history table in lower case.
     */
    private static final String SELECT_TABLE_TRACKED = """
            SELECT CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END
              FROM INFORMATION_SCHEMA.TRIGGERS WHERE UPPER(EVENT_OBJECT_TABLE) = UPPER(?)
            """;

    private static final String SELECT_TABLE_VISIBLE = """
            SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = UPPER(?)
            """;

    /** The table must exist; the permission (second parameter) is the owner's. */
    private static final String SELECT_PERMISSION = """
            SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = UPPER(?) AND ? IS NOT NULL
            """;

    @Override
    public String dialect() {
        return H2Dialect.NAME;
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
