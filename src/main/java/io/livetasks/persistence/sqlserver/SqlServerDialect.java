package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.Dialect;
import java.sql.SQLException;
import java.util.Set;

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

    /**
     * SQL Server and Azure SQL errors after which the rolled-back transaction may simply be run again: the
     * baseline transient error list of Microsoft's own client (Microsoft.Data.SqlClient,
     * {@code SqlConfigurableRetryFactory.BaselineTransientErrors}) — deadlock victim and lock timeouts, Azure
     * SQL reconfigurations and throttling (40613, 40501, 40197, 10928/10929, 4221, 40143, 40540, 49918-49920),
     * a database that cannot be opened yet (4060) and connections lost during login (233, 997, 10053, 10054,
     * 10060).
     */
    static final Set<Integer> TRANSIENT_ERRORS = Set.of(1204, 1205, 1222, 49918, 49919, 49920, 4060, 4221, 40143,
            40613, 40501, 40540, 40197, 10929, 10928, 10060, 10054, 10053, 997, 233);

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
        return TRANSIENT_ERRORS.contains(e.getErrorCode());
    }

    @Override
    public String selectCurrentVersion() {
        return SELECT_CURRENT_VERSION;
    }
}
