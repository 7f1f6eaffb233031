package io.livetasks.persistence.h2;

import io.livetasks.persistence.Dialect;
import io.livetasks.persistence.DialectStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The embedded default database, with change tracking emulated inside it (see
 * {@code db/migration/h2/V2__enable_change_tracking.sql}, {@link H2ChangeTrigger} and {@link H2KeyChangeTrigger}).
 *
 * <p>Expected URL: {@code jdbc:h2:<file>;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000}. Writers serialise on the
 * version counter while their transaction is open, so H2's default lock timeout of 2 s is too short.
 */
public class H2Dialect implements Dialect {

    static final String NAME = "h2";

    /**
     * H2 gives a SERIALIZABLE transaction one snapshot of all tables from its first statement, as SNAPSHOT
     * does; it is used because it is a standard JDBC level that connection pools pass through.
     */
    static final int SNAPSHOT_ISOLATION = Connection.TRANSACTION_SERIALIZABLE;

    private static final String SELECT_CURRENT_VERSION = """
            SELECT v FROM ct_version WHERE id = 1
            """;

    /** H2 error codes of failures after which the rolled-back transaction may simply be run again. */
    private static final int DEADLOCK = 40001;
    private static final int LOCK_TIMEOUT = 50200;
    private static final int CONCURRENT_UPDATE = 90131;

    /** H2 error codes that say the database is out of reach: connection broken, database closed, shutting down. */
    private static final Set<Integer> UNREACHABLE = Set.of(90067, 90098, 90121);

    private static final Logger LOG = Logger.getLogger(H2Dialect.class.getName());

    private final H2TriggerClasses triggerClasses = new H2TriggerClasses();
    private final Duration retention;
    private volatile H2ChangeCleanup cleanup;

    /** Keeps changes for {@code livetasks.h2.retention} (MicroProfile Config; default 2 hours). */
    public H2Dialect() {
        this(null);
    }

    /** @param retention how long to keep changes; {@code null}: as configured */
    H2Dialect(Duration retention) {
        this.retention = retention;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(String databaseProductName) {
        return "H2".equalsIgnoreCase(databaseProductName);
    }

    /** Lets H2 load the change-tracking triggers from this application, on any thread (see {@link H2TriggerClasses}). */
    @Override
    public void start(DataSource dataSource) {
        triggerClasses.register();
        LOG.log(Level.INFO, "H2 loads its change-tracking triggers from the application");
    }

    @Override
    public void stop() {
        triggerClasses.unregister();
    }

    @Override
    public int snapshotIsolation() {
        return SNAPSHOT_ISOLATION;
    }

    @Override
    public boolean isTransient(SQLException e) {
        return isTransientFailure(e);
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        return Dialect.super.isUnavailable(e) || UNREACHABLE.contains(e.getErrorCode());
    }

    @Override
    public String selectCurrentVersion() {
        return SELECT_CURRENT_VERSION;
    }

    /** The retention cleanup, when due; keeps changes for {@code livetasks.h2.retention} (default 2 hours). */
    @Override
    public void maintain(DataSource dataSource) {
        cleanup(dataSource).cleanupWhenDue();
    }

    /** The emulation's retention cleanup over every tracked table, made on first use. */
    public H2ChangeCleanup cleanup(DataSource dataSource) {
        H2ChangeCleanup current = cleanup;
        if (current == null) {
            synchronized (this) {
                if (cleanup == null) {
                    cleanup = new H2ChangeCleanup(dataSource, retention != null ? retention : H2Retention.configured(),
                            DialectStatements.all(H2TableChanges.class, this));
                }
                current = cleanup;
            }
        }
        return current;
    }

    static boolean isTransientFailure(SQLException e) {
        int code = e.getErrorCode();
        return code == DEADLOCK || code == LOCK_TIMEOUT || code == CONCURRENT_UPDATE;
    }
}
