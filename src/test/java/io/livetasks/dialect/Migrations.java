package io.livetasks.dialect;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates a test database exactly as {@link Database} does at start-up. */
public final class Migrations {

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
