package io.livetasks.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.persistence.h2.H2Dialect;
import io.livetasks.persistence.sqlserver.SqlServerDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which database failures mean "unreachable or busy, retry shortly" (HTTP 503) rather than a bug (500). */
class DatabaseUnavailableTest {

    private final Dialect h2 = new H2Dialect();
    private final Dialect sqlServer = new SqlServerDialect();

    @Test
    void shouldTreatStandardConnectionFailuresAsUnavailableOnEveryDialect() {
        for (Dialect dialect : new Dialect[] {h2, sqlServer}) {
            assertThat(dialect.isUnavailable(new SQLNonTransientConnectionException("refused"))).isTrue();
            assertThat(dialect.isUnavailable(new SQLTimeoutException("query timeout"))).isTrue();
            assertThat(dialect.isUnavailable(new SQLException("connection closed", "08S01", 0)))
                    .as("SQLSTATE class 08 is a connection exception").isTrue();
            assertThat(dialect.isUnavailable(new SQLException("wrapped", "HY000", 0,
                    new SQLNonTransientConnectionException("reset")))).as("a cause counts too").isTrue();
        }
    }

    @Test
    void shouldNotTreatErrorsInTheRequestAsUnavailable() {
        for (Dialect dialect : new Dialect[] {h2, sqlServer}) {
            assertThat(dialect.isUnavailable(new SQLSyntaxErrorException("bad sql", "42000", 102))).isFalse();
            assertThat(dialect.isUnavailable(new SQLIntegrityConstraintViolationException("fk", "23000", 547))).isFalse();
        }
    }

    @Test
    void shouldRetryAzureSqlTransientErrorsAndCallThemUnavailable() {
        for (int code : new int[] {40613, 40501, 40197, 49918, 49919, 49920, 4060, 10928, 10929, 1205, 1222}) {
            SQLException e = new SQLException("azure", "S0001", code);
            assertThat(sqlServer.isTransient(e)).as("error %d is retried", code).isTrue();
            assertThat(sqlServer.isUnavailable(e)).as("error %d is a 503", code).isTrue();
        }
        assertThat(sqlServer.isTransient(new SQLException("constraint", "23000", 547))).isFalse();
    }

    @Test
    void shouldTreatAClosedH2DatabaseAsUnavailable() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID();
        Connection keeper = DriverManager.getConnection(url);
        try (Statement statement = keeper.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        assertThatThrownBy(() -> {
            try (Statement statement = keeper.createStatement()) {
                statement.execute("SELECT 1");
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(h2.isUnavailable(e)).as(e.toString()).isTrue());
    }
}
