package io.livetasks.persistence.sqlserver;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.persistence.Dialect;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * SQL Server and Azure SQL, with native change tracking (enabled by
 * {@code db/migration/sqlserver/V2__enable_change_tracking.sql}, or by a DBA: see docs/database.md).
 */
public class SqlServerDialect implements Dialect {

    /**
     * The driver's {@code ISQLServerConnection.TRANSACTION_SNAPSHOT}, written out because the application
     * cannot see the driver's classes inside the server. Needs {@code ALLOW_SNAPSHOT_ISOLATION ON}.
     */
    static final int SNAPSHOT_ISOLATION = 0x1000;

    /** SQL Server errors after which the rolled-back transaction may simply be run again. */
    private static final int DEADLOCK_VICTIM = 1205;
    private static final int LOCK_TIMEOUT = 1222;

    @Override
    public String name() {
        return "sqlserver";
    }

    @Override
    public boolean supports(String databaseProductName) {
        return "Microsoft SQL Server".equalsIgnoreCase(databaseProductName);
    }

    @Override
    public TaskStore taskStore(DataSource dataSource) {
        return new SqlServerTaskStore(dataSource);
    }

    @Override
    public ChangeSource<TaskChange> changeSource(DataSource dataSource) {
        return new SqlServerChangeSource(dataSource);
    }

    static boolean isTransient(SQLException e) {
        return e.getErrorCode() == DEADLOCK_VICTIM || e.getErrorCode() == LOCK_TIMEOUT;
    }
}
