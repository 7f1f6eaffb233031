package io.livetasks.persistence;

import io.livetasks.task.IdempotencyStore;
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
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Picks the dialect from the data source's metadata, migrates or validates the schema as configured
 * ({@code livetasks.db.migrate}: {@code migrate}, {@code validate} or {@code off}), and produces the
 * {@link TaskStore} on the dialect's statements (the change source is registered in
 * {@link TrackedTables}). Starts at start-up, or earlier on the first use of anything it produces.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** What the application does to the schema at start-up. */
    public enum Migrate {
        /** Runs the Flyway migrations (needs a login that may create tables and turn on change tracking). */
        MIGRATE,
        /** Changes nothing; checks that the schema is ready and the login may do what the application does. */
        VALIDATE,
        /** Changes and checks nothing. */
        OFF;

        /** {@code migrate}, {@code validate}, {@code off}; {@code true} and {@code false} as in earlier releases. */
        public static Migrate of(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "migrate", "true" -> MIGRATE;
                case "validate" -> VALIDATE;
                case "off", "false" -> OFF;
                default -> throw new IllegalArgumentException(
                        "livetasks.db.migrate must be migrate, validate or off, was: " + value);
            };
        }
    }

    private final DataSource dataSource;
    private final Migrate migrate;
    private Dialect dialect;
    private JdbcTaskStore store;
    private volatile List<String> schemaProblems = List.of();

    @Inject
    public Database(DataSource dataSource,
                    @ConfigProperty(name = "livetasks.db.migrate", defaultValue = "migrate") String migrate) {
        this(dataSource, Migrate.of(migrate));
    }

    public Database(DataSource dataSource, Migrate migrate) {
        this.dataSource = dataSource;
        this.migrate = migrate;
    }

    /** For the CDI proxy only. */
    protected Database() {
        this(null, Migrate.OFF);
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
                switch (migrate) {
                    case MIGRATE -> migrate(detected);
                    case VALIDATE -> validate(detected);
                    case OFF -> LOG.log(Level.INFO, "Schema migration and validation at start-up are off (livetasks.db.migrate=off)");
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

    /**
     * Checks the schema without changing it; the problems found keep readiness DOWN ({@link SchemaHealth}).
     * The application still starts, readiness DOWN, so that the problems can be read in the log.
     */
    private void validate(Dialect detected) {
        List<String> problems = new SchemaCheck(detected, dataSource).problems();
        schemaProblems = List.copyOf(problems);
        if (problems.isEmpty()) {
            LOG.log(Level.INFO, "Schema validated (livetasks.db.migrate=validate): migrations, change tracking, "
                    + "snapshot isolation and the login''s permissions are as the application needs them");
        } else {
            LOG.log(Level.SEVERE, "The schema is not ready for livetasks (livetasks.db.migrate=validate); readiness "
                    + "stays DOWN until it is fixed and the application restarted: {0}", String.join("; ", problems));
        }
    }

    /** What start-up found wrong with the schema in {@code validate} mode; empty when nothing (or not checked). */
    public List<String> schemaProblems() {
        dialect();
        return schemaProblems;
    }

    public Migrate migrateMode() {
        return migrate;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Lists, tasks, members and idempotency keys are one store on the dialect's statements. */
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

    @Produces
    @ApplicationScoped
    IdempotencyStore idempotencyStore() {
        return store();
    }

    @PreDestroy
    public synchronized void stop() {
        if (dialect != null) {
            dialect.stop();
        }
    }
}
