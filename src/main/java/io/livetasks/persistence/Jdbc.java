package io.livetasks.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Short JDBC transactions, shared by the dialects. */
public final class Jdbc {

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** How often a transaction is tried when it fails for a transient reason. */
    static final int ATTEMPTS = 4;

    private static final Logger LOG = Logger.getLogger(Jdbc.class.getName());

    private Jdbc() {
    }

    /** Runs {@code work} in one transaction at {@code isolation}: commits, or rolls back and rethrows. */
    public static <T> T inTransaction(DataSource dataSource, int isolation, Work<T> work) throws SQLException {
        return inTransaction(dataSource, isolation, failure -> false, work);
    }

    /**
     * As {@link #inTransaction(DataSource, int, Work)}, and runs the whole transaction again (a few times,
     * after a short random pause) when {@code transientFailure} says the database rolled it back for a
     * reason that may not recur, such as being chosen as a deadlock victim or a lock timeout. Rerunning is
     * safe because nothing of the failed attempt was committed. A failure of the commit itself is never run
     * again: when the connection breaks during the commit the outcome is unknown (the database may have
     * committed), and running an insert again would write it twice.
     */
    public static <T> T inTransaction(DataSource dataSource, int isolation, Predicate<SQLException> transientFailure,
                                      Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            boolean[] committing = {false};
            try {
                return once(dataSource, isolation, work, committing);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || committing[0] || !transientFailure.test(e)) {
                    throw e;
                }
                LOG.log(Level.FINE, "Transaction failed ({0}), attempt {1} of {2}; trying again",
                        new Object[] {e.getMessage(), attempt, ATTEMPTS});
                pause(attempt);
            }
        }
    }

    /** @param committing set when the commit starts: a failure from then on has an unknown outcome */
    private static <T> T once(DataSource dataSource, int isolation, Work<T> work, boolean[] committing)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int previousIsolation = connection.getTransactionIsolation();
            boolean previousAutoCommit = connection.getAutoCommit();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                committing[0] = true;
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restore(connection, previousIsolation, previousAutoCommit);
            }
        }
    }

    /**
     * Hands a pooled connection back as it came, whether or not the pool resets it. A failure here must
     * not turn a committed transaction into a reported (and possibly retried) failure, so it is logged.
     */
    private static void restore(Connection connection, int isolation, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not reset a connection after a transaction: {0}", e.getMessage());
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void pause(int attempt) throws SQLException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * Whether {@code e}, or an exception chained to it, is a standard sign of a lost or unreachable database:
     * a connection or timeout exception class, or an SQLSTATE of class {@code 08} (connection exception).
     */
    public static boolean isConnectionFailure(SQLException e) {
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable failure) {
        if (failure instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return failure.getCause() == failure ? null : failure.getCause();
    }

    /**
     * The single {@code long} the query returns in its first column.
     *
     * @throws SQLException also when there is no row or the value is NULL (e.g. change tracking is off)
     */
    public static long queryLong(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("No row from: " + sql.strip());
            }
            long value = rows.getLong(1);
            if (rows.wasNull()) {
                throw new SQLException("NULL from: " + sql.strip());
            }
            return value;
        }
    }

    /** A timestamp column that holds UTC wall-clock time (both schemas store UTC). */
    public static Instant utc(ResultSet rows, String column) throws SQLException {
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
