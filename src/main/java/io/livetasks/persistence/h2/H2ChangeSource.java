package io.livetasks.persistence.h2;

import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.persistence.ChangeSql;
import io.livetasks.persistence.Jdbc;
import io.livetasks.persistence.JdbcChangeSource;
import io.livetasks.task.TaskChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Task changes from the H2 emulation of change tracking ({@link H2ChangeTrigger} writes them), read with
 * the same recipe and net-change rules as on SQL Server, plus the retention cleanup that SQL Server runs
 * by itself: {@link #changesSince(long)} runs {@link #cleanup(Duration)} at most once a minute, so the
 * server needs no scheduler of its own for it.
 */
public class H2ChangeSource extends JdbcChangeSource {

    private static final String SELECT_MIN_VALID_VERSION = """
            SELECT v FROM ct_min_valid WHERE id = 1
            """;

    private static final String SELECT_CURRENT_VERSION = """
            SELECT v FROM ct_version WHERE id = 1
            """;

    /** The net change since ?1 per key, as CHANGETABLE(CHANGES task, ?1) computes it on SQL Server. */
    private static final String SELECT_CHANGES = """
            SELECT c.version,
                   CASE WHEN c.operation = 'D' THEN 'D'
                        WHEN c.creation_version > ?1 THEN 'I'
                        ELSE 'U' END AS operation,
                   COALESCE(c.completed_version > ?1, FALSE) AS completed_changed,
                   c.list_id, c.task_id,
                   t.id AS current_id, t.title, t.completed, t.created_at, t.updated_at
              FROM ct_task c
              LEFT JOIN task t ON t.list_id = c.list_id AND t.id = c.task_id
             WHERE c.version > ?1 AND c.version <= ?2
             ORDER BY c.version, c.task_id
            """;

    /**
     * Taken first by the cleanup. Every writer holds it from its first change to its commit, so while the
     * cleanup holds it no writer is in flight, no change row is locked, and none can move past the limit.
     */
    private static final String LOCK_COUNTER = """
            SELECT v FROM ct_version WHERE id = 1 FOR UPDATE
            """;

    /** The same for the cleanup on the read path, which must not wait behind a long write transaction. */
    private static final String LOCK_COUNTER_UNLESS_BUSY = """
            SELECT v FROM ct_version WHERE id = 1 FOR UPDATE SKIP LOCKED
            """;

    private static final String SELECT_EXPIRED_VERSION = """
            SELECT MAX(version) FROM ct_task WHERE changed_at < DATEADD(MILLISECOND, -?, CURRENT_TIMESTAMP)
            """;

    private static final String DELETE_CHANGES = """
            DELETE FROM ct_task WHERE version <= ?
            """;

    private static final String RAISE_MIN_VALID_VERSION = """
            UPDATE ct_min_valid SET v = GREATEST(v, ?) WHERE id = 1
            """;

    private static final long CLEANUP_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    /** After finding a write in flight: soon, but not on every read of a busy poller. */
    private static final long CLEANUP_RETRY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger LOG = Logger.getLogger(H2ChangeSource.class.getName());

    private final Duration retention;
    private final AtomicLong nextCleanup = new AtomicLong(System.nanoTime());

    public H2ChangeSource(DataSource dataSource, Duration retention) {
        super(dataSource, new ChangeSql(SELECT_MIN_VALID_VERSION, SELECT_CURRENT_VERSION, SELECT_CHANGES),
                H2Dialect.SNAPSHOT_ISOLATION);
        this.retention = retention;
    }

    @Override
    public ChangeBatch<TaskChange> changesSince(long afterVersion) throws SQLException {
        cleanupWhenDue();
        return super.changesSince(afterVersion);
    }

    /**
     * Deletes the changes older than {@code retention} and raises the min valid version to the newest
     * version deleted: a reader still at or above it has lost nothing. Waits for open write transactions.
     *
     * @return the min valid version afterwards
     */
    public long cleanup(Duration retention) throws SQLException {
        return purge(LOCK_COUNTER, expiredVersion(retention)).orElseThrow();
    }

    /**
     * Deletes the changes up to and including {@code version} (at most the current version) and raises the
     * min valid version to it, as SQL Server's cleanup does when changes expire. Waits for open write
     * transactions.
     *
     * @return the min valid version afterwards
     */
    public long purgeThrough(long version) throws SQLException {
        return purge(LOCK_COUNTER, connection -> version).orElseThrow();
    }

    /** @return the min valid version afterwards, or empty when the counter was busy and nothing was done */
    private OptionalLong purge(String lockCounter, Jdbc.Work<Long> limit) throws SQLException {
        return Jdbc.inTransaction(dataSource(), Connection.TRANSACTION_READ_COMMITTED, H2Dialect::isTransient,
                connection -> {
                    OptionalLong current = lock(connection, lockCounter);
                    if (current.isEmpty()) {
                        return OptionalLong.empty();
                    }
                    long through = Math.min(limit.apply(connection), current.getAsLong());
                    int deleted = 0;
                    if (through > 0) {
                        deleted = update(connection, DELETE_CHANGES, through);
                        update(connection, RAISE_MIN_VALID_VERSION, through);
                    }
                    long minValid = Jdbc.queryLong(connection, SELECT_MIN_VALID_VERSION);
                    LOG.log(Level.FINE, "Change cleanup deleted {0} change rows; min valid version is {1}",
                            new Object[] {deleted, minValid});
                    return OptionalLong.of(minValid);
                });
    }

    private void cleanupWhenDue() {
        long due = nextCleanup.get();
        long now = System.nanoTime();
        if (now - due < 0 || !nextCleanup.compareAndSet(due, now + CLEANUP_INTERVAL_NANOS)) {
            return;
        }
        try {
            if (purge(LOCK_COUNTER_UNLESS_BUSY, expiredVersion(retention)).isEmpty()) {
                LOG.log(Level.FINE, "A write transaction is open; change cleanup tries again in a second");
                nextCleanup.set(now + CLEANUP_RETRY_NANOS);
            }
        } catch (SQLException e) {
            // Reading changes matters more than cleaning up; the next attempt is a minute away.
            LOG.log(Level.WARNING, "H2 change cleanup failed: {0}", e.getMessage());
        }
    }

    /** The newest version among the changes older than {@code retention} (0 when there are none). */
    private static Jdbc.Work<Long> expiredVersion(Duration retention) {
        return connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_EXPIRED_VERSION)) {
                statement.setLong(1, retention.toMillis());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        };
    }

    private static OptionalLong lock(Connection connection, String lockCounter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(lockCounter);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    private static int update(Connection connection, String sql, long value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, value);
            return statement.executeUpdate();
        }
    }
}
