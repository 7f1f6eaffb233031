package io.livetasks.persistence;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Picks the dialect from the data source's metadata, migrates the schema with Flyway when configured to,
 * and produces the dialect's {@link TaskStore} and {@link ChangeSource}. Runs first at start-up.
 */
@ApplicationScoped
public class Database {

    /** Start-up observers of other beans run after this one (lower priority value runs first). */
    public static final int STARTUP_PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final DataSource dataSource;
    private final boolean migrate;
    private Dialect dialect;

    @Inject
    public Database(DataSource dataSource,
                    @ConfigProperty(name = "livetasks.db.migrate", defaultValue = "true") boolean migrate) {
        this.dataSource = dataSource;
        this.migrate = migrate;
    }

    /** For the CDI proxy only. */
    protected Database() {
        this(null, false);
    }

    void onStart(@Observes @Priority(STARTUP_PRIORITY) Startup startup) {
        dialect();
    }

    /** The dialect, chosen and prepared (and the schema migrated) on first use. */
    public synchronized Dialect dialect() {
        if (dialect == null) {
            try {
                Dialect detected = Dialect.detect(dataSource);
                detected.start(dataSource);
                if (migrate) {
                    migrate(detected);
                } else {
                    LOG.log(Level.INFO, "Schema migration at start-up is off (livetasks.db.migrate=false)");
                }
                LOG.log(Level.INFO, "Using the {0} dialect", detected.name());
                dialect = detected;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot reach the database jdbc/livetasks: " + e.getMessage(), e);
            }
        }
        return dialect;
    }

    private void migrate(Dialect detected) {
        MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(detected.migrationLocation())
                .load()
                .migrate();
        LOG.log(Level.INFO, "Schema migrated with Flyway from {0} ({1} migrations applied, now at version {2})",
                new Object[] {detected.migrationLocation(), result.migrationsExecuted, result.targetSchemaVersion});
    }

    @Produces
    @ApplicationScoped
    TaskStore taskStore() {
        return dialect().taskStore(dataSource);
    }

    @Produces
    @ApplicationScoped
    ChangeSource<TaskChange> changeSource() {
        return dialect().changeSource(dataSource);
    }

    @PreDestroy
    synchronized void stop() {
        if (dialect != null) {
            dialect.stop();
        }
    }
}
