package io.livetasks.persistence;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;
import io.livetasks.persistence.h2.H2Dialect;
import io.livetasks.persistence.sqlserver.SqlServerDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Everything database-specific, chosen once from {@link java.sql.DatabaseMetaData}: the Flyway scripts,
 * the {@link TaskStore} and the {@link ChangeSource} for one database product.
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

    TaskStore taskStore(DataSource dataSource);

    ChangeSource<TaskChange> changeSource(DataSource dataSource);

    /** The Flyway location of this dialect's migrations. */
    default String migrationLocation() {
        return "classpath:db/migration/" + name();
    }

    static Dialect detect(DataSource dataSource) throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        for (Dialect dialect : List.<Dialect>of(new H2Dialect(), new SqlServerDialect())) {
            if (dialect.supports(product)) {
                return dialect;
            }
        }
        throw new SQLException("Unsupported database product: " + product + " (livetasks supports H2 and SQL Server)");
    }
}
