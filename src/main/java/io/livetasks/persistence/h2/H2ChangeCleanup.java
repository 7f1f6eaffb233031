package io.livetasks.persistence.h2;

import io.livetasks.changefeed.Version;
import io.livetasks.persistence.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The retention cleanup of the H2 emulation, which SQL Server runs by itself: deletes the change rows of
 * every tracked table older than the retention and raises the min valid version. The poller's reads run
 * {@link #cleanupWhenDue()} (through {@link H2Dialect#maintain(DataSource)}) at most once a minute, so the
 * server needs no scheduler of its own for it.
 */
public final class H2ChangeCleanup {

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

    private static final String RAISE_MIN_VALID_VERSION = """
            UPDATE ct_min_valid SET v = GREATEST(v, ?) WHERE id = 1
            """;

    private static final long CLEANUP_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    /** After finding a write in flight: soon, but not on every read of a busy poller. */
    private static final long CLEANUP_RETRY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger LOG = Logger.getLogger(H2ChangeCleanup.class.getName());

    private final DataSource dataSource;
    private final Duration retention;
    private final List<H2TableChanges> tables;
    private final AtomicLong nextCleanup = new AtomicLong(System.nanoTime());

    /** @param tables every tracked table of the emulation */
    public H2ChangeCleanup(DataSource dataSource, Duration retention, List<H2TableChanges> tables) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.tables = List.copyOf(tables);
    }

    /**
     * Deletes the changes older than {@code retention} and raises the min valid version to the newest
     * version deleted: a reader still at or above it has lost nothing. Waits for open write transactions.
     *
     * @return the min valid version afterwards
     */
    public Version cleanup(Duration retention) throws SQLException {
        return Version.of(purge(LOCK_COUNTER, expiredVersion(retention)).orElseThrow());
    }

    /**
     * Deletes the changes up to and including {@code version} (at most the current version) and raises the
     * min valid version to it, as SQL Server's cleanup does when changes expire. Waits for open write
     * transactions.
     *
     * @return the min valid version afterwards
     */
    public Version purgeThrough(Version version) throws SQLException {
        return Version.of(purge(LOCK_COUNTER, connection -> version.value()).orElseThrow());
    }

    /** @return the min valid version afterwards, or empty when the counter was busy and nothing was done */
    private OptionalLong purge(String lockCounter, Jdbc.Work<Long> limit) throws SQLException {
        return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED, H2Dialect::isTransientFailure,
                connection -> {
                    OptionalLong current = lock(connection, lockCounter);
                    if (current.isEmpty()) {
                        return OptionalLong.empty();
                    }
                    long through = Math.min(limit.apply(connection), current.getAsLong());
                    int deleted = 0;
                    if (through > 0) {
                        for (H2TableChanges table : tables) {
                            deleted += update(connection, table.deleteChangesThrough(), through);
                        }
                        update(connection, RAISE_MIN_VALID_VERSION, through);
                    }
                    long minValid = Jdbc.queryLong(connection, H2TableChanges.SELECT_MIN_VALID_VERSION);
                    LOG.log(Level.FINE, "Change cleanup deleted {0} change rows; min valid version is {1}",
                            new Object[] {deleted, minValid});
                    return OptionalLong.of(minValid);
                });
    }

    /** Cleans up when a minute has passed since the last time; never throws (reading changes matters more). */
    public void cleanupWhenDue() {
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

    /** The newest version among the changes of any table older than {@code retention} (0 when there are none). */
    private Jdbc.Work<Long> expiredVersion(Duration retention) {
        return connection -> {
            long expired = 0;
            for (H2TableChanges table : tables) {
                try (PreparedStatement statement = connection.prepareStatement(table.selectExpiredVersion())) {
                    statement.setLong(1, retention.toMillis());
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        expired = Math.max(expired, rows.getLong(1));
                    }
                }
            }
            return expired;
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
