package io.livetasks.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * One database product: how to recognise it, where its Flyway scripts are, how its transactions behave,
 * and how to read its change-tracking clock. Implementations live in {@code persistence/<name>/} and are
 * discovered with {@link ServiceLoader} ({@code META-INF/services/io.livetasks.persistence.Dialect}), so
 * nothing outside them names a dialect. What each store or tracked table runs on a dialect is a
 * {@link DialectStatements} of its own.
 */
public interface Dialect {

    /** Short name, also the folder of the Flyway scripts under {@code db/migration/}. */
    String name();

    /** Whether this dialect serves the database product that the metadata names. */
    boolean supports(String databaseProductName);

    /** Called once before migrations run and before any other use (e.g. to prepare the driver). */
    default void start(DataSource dataSource) {
    }

    /** Called once when the application stops. */
    default void stop() {
    }

    /** The JDBC isolation level at which several statements of one transaction see one snapshot. */
    int snapshotIsolation();

    /** Whether a transaction that failed with {@code e} was rolled back for a reason that may not recur. */
    boolean isTransient(SQLException e);

    /**
     * Whether {@code e} says the database is unreachable or too busy right now (a lost or refused connection,
     * a timeout, a transient failure), rather than that the request was wrong: the caller may retry shortly.
     * The dialects add their products' own error codes to the standard signs.
     */
    default boolean isUnavailable(SQLException e) {
        return Jdbc.isConnectionFailure(e) || isTransient(e);
    }

    /** () → one row, one column: the version of the last committed change, database-wide. */
    String selectCurrentVersion();

    /**
     * Housekeeping the database does not do by itself, run on the poller's thread before it reads changes
     * (the H2 emulation's retention cleanup). Must be cheap when there is nothing to do.
     */
    default void maintain(DataSource dataSource) {
    }

    /** The Flyway location of this dialect's migrations. */
    default String migrationLocation() {
        return "classpath:db/migration/" + name();
    }

    /** The dialect that serves the data source's database product. */
    static Dialect detect(DataSource dataSource) throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        for (Dialect dialect : ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader())) {
            if (dialect.supports(product)) {
                return dialect;
            }
        }
        throw new SQLException("Unsupported database product: " + product + " (livetasks supports H2 and SQL Server)");
    }
}
