package io.livetasks.persistence;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates a test database exactly as {@link Database} does at start-up. */
public final class Migrations {

    /** Held so that the level sticks: Flyway's INFO lines per test database would drown the test output. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private Migrations() {
    }

    public static void migrate(Dialect dialect, DataSource dataSource) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .load()
                .migrate();
    }
}
