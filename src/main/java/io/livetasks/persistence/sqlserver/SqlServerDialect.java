package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.Dialect;
import java.sql.SQLException;

/**
 * SQL Server and Azure SQL, with native change tracking (enabled by
 * {@code db/migration/sqlserver/V2__enable_change_tracking.sql}, or by a DBA: see docs/database.md).
 */
public class SqlServerDialect implements Dialect {

    static final String NAME = "sqlserver";

    /**
     * The driver's {@code ISQLServerConnection.TRANSACTION_SNAPSHOT}, written out because the application
     * cannot see the driver's classes inside the server. Needs {@code ALLOW_SNAPSHOT_ISOLATION ON}.
     */
    static final int SNAPSHOT_ISOLATION = 0x1000;

    /**
     * NULL when change tracking is off for the database, which the read reports as an error. Reads no
     * table, so it does not start the SNAPSHOT transaction (see {@code JdbcChangeSource} for why that is safe).
     */
    private static final String SELECT_CURRENT_VERSION = """
            SELECT CHANGE_TRACKING_CURRENT_VERSION()
            """;

    /** SQL Server errors after which the rolled-back transaction may simply be run again. */
    private static final int DEADLOCK_VICTIM = 1205;
    private static final int LOCK_TIMEOUT = 1222;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(String databaseProductName) {
        return "Microsoft SQL Server".equalsIgnoreCase(databaseProductName);
    }

    @Override
    public int snapshotIsolation() {
        return SNAPSHOT_ISOLATION;
    }

    @Override
    public boolean isTransient(SQLException e) {
        return e.getErrorCode() == DEADLOCK_VICTIM || e.getErrorCode() == LOCK_TIMEOUT;
    }

    @Override
    public String selectCurrentVersion() {
        return SELECT_CURRENT_VERSION;
    }
}
