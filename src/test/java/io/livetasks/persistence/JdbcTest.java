package io.livetasks.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcTest {

    private static final SQLException TRANSIENT = new SQLTransactionRollbackException("deadlock", "40001", 40001);

    private JdbcConnectionPool dataSource;

    @BeforeEach
    void createTable() throws SQLException {
        dataSource = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "");
        dataSource.setMaxConnections(1);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id INT PRIMARY KEY)");
        }
    }

    @AfterEach
    void dropDatabase() {
        dataSource.dispose();
    }

    @Test
    void shouldRollBackAndRunAgainAfterTransientFailure() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();

        int result = Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                e -> e.getErrorCode() == 40001, connection -> {
                    PlainSql.execute(connection, "INSERT INTO item (id) VALUES (1)");
                    if (attempts.incrementAndGet() < 3) {
                        throw TRANSIENT;
                    }
                    return 42;
                });

        assertThat(result).isEqualTo(42);
        assertThat(attempts).hasValue(3);
        assertThat(count()).as("the failed attempts were rolled back").isEqualTo(1);
    }

    @Test
    void shouldGiveUpAfterAFewAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                e -> true, connection -> {
                    attempts.incrementAndGet();
                    throw TRANSIENT;
                })).isSameAs(TRANSIENT);
        assertThat(attempts).hasValue(Jdbc.ATTEMPTS);
    }

    @Test
    void shouldNotRunAgainAfterOtherFailures() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                e -> false, connection -> {
                    attempts.incrementAndGet();
                    PlainSql.execute(connection, "INSERT INTO item (id) VALUES (1)");
                    throw new IllegalStateException("boom");
                })).hasMessage("boom");
        assertThat(attempts).hasValue(1);
        assertThat(count()).isZero();
    }

    @Test
    void shouldNotRunAgainWhenTheCommitItselfFails() {
        AtomicInteger attempts = new AtomicInteger();
        DataSource failingCommit = commitFailing(dataSource, TRANSIENT);

        assertThatThrownBy(() -> Jdbc.inTransaction(failingCommit, Connection.TRANSACTION_READ_COMMITTED,
                e -> true, connection -> attempts.incrementAndGet()))
                .as("the commit's outcome is unknown: running the work again could write it twice")
                .isSameAs(TRANSIENT);
        assertThat(attempts).hasValue(1);
    }

    /** {@code dataSource} whose connections fail every commit with {@code failure}. */
    private static DataSource commitFailing(JdbcConnectionPool dataSource, SQLException failure) {
        return InterceptedDataSource.of(dataSource, (method, arguments) -> {
            if (method.getName().equals("commit")) {
                throw failure;
            }
        });
    }

    @Test
    void shouldHandBackTheConnectionAsItCame() throws SQLException {
        Jdbc.inTransaction(dataSource, Connection.TRANSACTION_SERIALIZABLE, connection -> null);

        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    void shouldReportNullAsAnError() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThatThrownBy(() -> Jdbc.queryLong(connection, "SELECT MAX(id) FROM item"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("NULL");
        }
    }

    private long count() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.queryLong(connection, "SELECT COUNT(*) FROM item");
        }
    }
}
