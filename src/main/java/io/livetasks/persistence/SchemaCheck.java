package io.livetasks.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Whether a schema the application did not migrate itself is ready for it: Flyway's history matches the
 * application's migrations (none missing, none pending, none changed), snapshot isolation and change
 * tracking are on for the database and the tracked tables, and the login has the permissions the application
 * uses, no more is asked. Each problem is one sentence naming what to fix.
 */
final class SchemaCheck {

    /** The application's tables: it reads and writes all of them. */
    static final List<String> TABLES = List.of("task_list", "task", "list_member", "publish_outbox", "list_presence",
            "instance_heartbeat", "idempotency_key");


    static final String HISTORY_TABLE = "flyway_schema_history";

    private final Dialect dialect;
    private final DataSource dataSource;

    SchemaCheck(Dialect dialect, DataSource dataSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
    }

    /** Every problem found; empty when the schema is ready. */
    List<String> problems() {
        List<String> problems = new ArrayList<>(flywayProblems());
        try (Connection connection = dataSource.getConnection()) {
            problems.addAll(databaseProblems(connection, DialectStatements.one(SchemaChecks.class, dialect)));
        } catch (SQLException e) {
            problems.add("Cannot check the schema: " + e.getMessage());
        }
        return problems;
    }

    private List<String> flywayProblems() {
        try {
            ValidateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    .load()
                    .validateWithResult();
            if (result.validationSuccessful) {
                return List.of();
            }
            String details = result.invalidMigrations == null || result.invalidMigrations.isEmpty()
                    ? firstLine(result.errorDetails == null ? "" : result.errorDetails.errorMessage)
                    : "version" + (result.invalidMigrations.size() > 1 ? "s " : " ")
                            + result.invalidMigrations.stream().map(invalid -> invalid.version).collect(Collectors.joining(", "))
                            + ": " + firstLine(result.invalidMigrations.get(0).errorDetails.errorMessage);
            return List.of("Flyway's history (" + HISTORY_TABLE + ") does not match the application's migrations in "
                    + dialect.migrationLocation() + ", " + details + " (run the migrations, see docs/database.md)");
        } catch (RuntimeException e) {
            return List.of("Cannot validate Flyway's history (" + HISTORY_TABLE + "): " + e.getMessage());
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }

    private List<String> databaseProblems(Connection connection, SchemaChecks checks) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!yes(connection, checks.selectSnapshotIsolationOn())) {
            problems.add("Snapshot isolation is off for the database (ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON)");
        }
        if (!yes(connection, checks.selectChangeTrackingOn())) {
            problems.add("Change tracking is off for the database (db/sqlserver/enable-change-tracking.sql)");
        }
        List<String> missing = new ArrayList<>();
        for (String table : TABLES) {
            if (!yes(connection, checks.selectTableVisible(), table)) {
                missing.add(table);
                problems.add("Table " + table + " does not exist, or the login may not see it (run the migrations; "
                        + "db/sqlserver/grant-runtime-login.sql)");
                continue;
            }
            for (String permission : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                if (!yes(connection, checks.selectPermission(), table, permission)) {
                    problems.add("The login lacks " + permission + " on table " + table + " (db/sqlserver/grant-runtime-login.sql)");
                }
            }
        }
        for (String table : trackedTables()) {
            if (missing.contains(table)) {
                continue;
            }
            if (!yes(connection, checks.selectPermission(), table, "VIEW CHANGE TRACKING")) {
                problems.add("The login lacks VIEW CHANGE TRACKING on table " + table + " (db/sqlserver/grant-runtime-login.sql)");
            } else if (!yes(connection, checks.selectTableTracked(), table)) {
                problems.add("Change tracking is off for table " + table + " (db/sqlserver/enable-change-tracking.sql)");
            }
        }
        if (yes(connection, checks.selectTableVisible(), HISTORY_TABLE)
                && !yes(connection, checks.selectPermission(), HISTORY_TABLE, "SELECT")) {
            problems.add("The login lacks SELECT on table " + HISTORY_TABLE + " (db/sqlserver/grant-runtime-login.sql)");
        }
        return problems;
    }

    private static boolean yes(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    /** The change-tracked tables: those the dialect has a {@link TableChanges} for, as the change sources read them. */
    private List<String> trackedTables() {
        return DialectStatements.all(TableChanges.class, dialect).stream().map(TableChanges::table).toList();
    }
}
