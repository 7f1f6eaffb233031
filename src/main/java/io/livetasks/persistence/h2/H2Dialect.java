package io.livetasks.persistence.h2;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.persistence.Dialect;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The embedded default database, with change tracking emulated inside it (see
 * {@code db/migration/h2/V2__enable_change_tracking.sql} and {@link H2ChangeTrigger}).
 *
 * <p>Expected URL: {@code jdbc:h2:<file>;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000}. Writers serialise on the
 * version counter while their transaction is open, so H2's default lock timeout of 2 s is too short.
 */
public class H2Dialect implements Dialect {

    /**
     * H2 gives a SERIALIZABLE transaction one snapshot of all tables from its first statement, as SNAPSHOT
     * does; it is used because it is a standard JDBC level that connection pools pass through.
     */
    static final int SNAPSHOT_ISOLATION = Connection.TRANSACTION_SERIALIZABLE;

    /** H2 error codes of failures after which the rolled-back transaction may simply be run again. */
    private static final int DEADLOCK = 40001;
    private static final int LOCK_TIMEOUT = 50200;
    private static final int CONCURRENT_UPDATE = 90131;

    private static final Logger LOG = Logger.getLogger(H2Dialect.class.getName());

    private final H2TriggerClasses triggerClasses = new H2TriggerClasses();

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean supports(String databaseProductName) {
        return "H2".equalsIgnoreCase(databaseProductName);
    }

    /** Lets H2 load the change-tracking trigger from this application, on any thread (see {@link H2TriggerClasses}). */
    @Override
    public void start(DataSource dataSource) {
        triggerClasses.register();
        LOG.log(Level.INFO, "H2 loads its change-tracking trigger {0} from the application",
                H2ChangeTrigger.class.getName());
    }

    @Override
    public void stop() {
        triggerClasses.unregister();
    }

    @Override
    public TaskStore taskStore(DataSource dataSource) {
        return new H2TaskStore(dataSource);
    }

    /** Keeps changes for {@code livetasks.h2.retention} (MicroProfile Config; default 2 hours). */
    @Override
    public ChangeSource<TaskChange> changeSource(DataSource dataSource) {
        return new H2ChangeSource(dataSource, H2Retention.configured());
    }

    static boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        return code == DEADLOCK || code == LOCK_TIMEOUT || code == CONCURRENT_UPDATE;
    }
}
