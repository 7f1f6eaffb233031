package io.livetasks.persistence.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.persistence.Database;
import io.livetasks.persistence.Database.Migrate;
import io.livetasks.persistence.PlainSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code livetasks.db.migrate} = migrate | validate | off, on a fresh H2 database each. */
class H2MigrateModeTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private Database database;

    H2MigrateModeTest() {
        Path file = Path.of("target", "h2-tests", UUID.randomUUID().toString(), "livetasks").toAbsolutePath();
        dataSource.setURL("jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
    }

    @AfterEach
    void close() throws SQLException {
        if (database != null) {
            database.stop();
        }
        try (Connection connection = dataSource.getConnection()) {
            PlainSql.execute(connection, "SHUTDOWN");
        }
    }

    private Database start(Migrate mode) {
        database = new Database(dataSource, mode);
        database.dialect();
        return database;
    }

    private boolean tableExists(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (rows.next()) {
                if (rows.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What {@link io.livetasks.persistence.SchemaHealth} reports at /health/ready: UP when there is no problem. */
    private boolean ready() {
        return database.schemaProblems().isEmpty();
    }

    @Test
    void shouldMigrateAndBeReadyByDefault() throws SQLException {
        start(Migrate.of("migrate"));

        assertThat(tableExists("task")).isTrue();
        assertThat(ready()).isTrue();
    }

    @Test
    void shouldLeaveAnEmptyDatabaseAloneAndStayReadyWhenOff() throws SQLException {
        start(Migrate.OFF);

        assertThat(tableExists("task")).isFalse();
        assertThat(tableExists("flyway_schema_history")).isFalse();
        assertThat(ready()).as("off checks nothing").isTrue();
    }

    @Test
    void shouldNotMigrateAndReportNotReadyWhenValidatingAnEmptyDatabase() throws SQLException {
        start(Migrate.VALIDATE);

        assertThat(tableExists("task")).as("validate changes nothing").isFalse();
        assertThat(ready()).isFalse();
        assertThat(database.schemaProblems()).anySatisfy(problem -> assertThat(problem).contains("Flyway's history"))
                .anySatisfy(problem -> assertThat(problem).contains("Change tracking is off for the database"));
    }

    @Test
    void shouldBeReadyWhenValidatingAMigratedDatabase() {
        start(Migrate.MIGRATE).stop();

        start(Migrate.VALIDATE);

        assertThat(database.schemaProblems()).isEmpty();
        assertThat(ready()).isTrue();
    }

    @Test
    void shouldNameATrackedTableWithoutChangeTrackingWhenValidating() throws SQLException {
        start(Migrate.MIGRATE).stop();
        try (Connection connection = dataSource.getConnection()) {
            PlainSql.execute(connection, "DROP TRIGGER list_member_change_tracking");
        }

        start(Migrate.VALIDATE);

        assertThat(database.schemaProblems()).containsExactly(
                "Change tracking is off for table list_member (db/sqlserver/enable-change-tracking.sql)");
        assertThat(ready()).isFalse();
    }

    @Test
    void shouldReportAMigrationMissingFromTheDatabase() throws SQLException {
        start(Migrate.MIGRATE).stop();
        try (Connection connection = dataSource.getConnection()) {
            PlainSql.execute(connection, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '4'");
        }

        start(Migrate.VALIDATE);

        assertThat(database.schemaProblems()).singleElement().asString().contains("Flyway's history").contains("4");
    }

    @Test
    void shouldRefuseAnUnknownMode() {
        assertThatThrownBy(() -> Migrate.of("sometimes")).hasMessageContaining("migrate, validate or off");
        assertThat(Migrate.of("false")).isEqualTo(Migrate.OFF);
        assertThat(Migrate.of("true")).isEqualTo(Migrate.MIGRATE);
    }
}
