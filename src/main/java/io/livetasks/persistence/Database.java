package io.livetasks.persistence;

import io.livetasks.task.MemberStore;
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
 * and produces the {@link TaskStore} on the dialect's statements (the change source is registered in
 * {@link TrackedTables}). Starts at start-up, or earlier on the first use of anything it produces.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final DataSource dataSource;
    private final boolean migrate;
    private Dialect dialect;
    private JdbcTaskStore store;

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

    void onStart(@Observes @Priority(100) Startup startup) {
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

    public DataSource dataSource() {
        return dataSource;
    }

    /** Lists, tasks and members are one store on the dialect's statements. */
    private synchronized JdbcTaskStore store() {
        if (store == null) {
            store = JdbcTaskStore.of(dialect(), dataSource);
        }
        return store;
    }

    @Produces
    @ApplicationScoped
    TaskStore taskStore() {
        return store();
    }

    @Produces
    @ApplicationScoped
    MemberStore memberStore() {
        return store();
    }

    @PreDestroy
    synchronized void stop() {
        if (dialect != null) {
            dialect.stop();
        }
    }
}
