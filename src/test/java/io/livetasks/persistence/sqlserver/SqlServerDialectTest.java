package io.livetasks.persistence.sqlserver;

import io.livetasks.testing.SqlServerContainers;
import io.livetasks.changefeed.Version;
import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import io.livetasks.persistence.Dialect;
import io.livetasks.persistence.DialectContract;
import io.livetasks.persistence.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The dialect contract on a real SQL Server 2022 in a container (skipped where no Docker engine runs).
 * One database for the class, migrated with the application's Flyway scripts; the contract's tests do
 * not depend on a fresh database.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerDialectTest extends DialectContract {

    @Container
    private static final MSSQLServerContainer SQL_SERVER =
            SqlServerContainers.create();

    private static final SqlServerDialect DIALECT = new SqlServerDialect();
    private static SQLServerDataSource dataSource;

    /** Change tracking cannot be enabled on master, where the container's login lands. */
    @BeforeAll
    static void createAndMigrateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(), SQL_SERVER.getPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE livetasks");
        }
        dataSource = new SQLServerDataSource();
        dataSource.setURL(SQL_SERVER.getJdbcUrl() + ";databaseName=livetasks");
        dataSource.setUser(SQL_SERVER.getUsername());
        dataSource.setPassword(SQL_SERVER.getPassword());
        DIALECT.start(dataSource);
        Migrations.migrate(DIALECT, dataSource);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected Dialect dialect() {
        return DIALECT;
    }

    /**
     * SQL Server's automatic cleanup cannot be hurried (its retention is at least a minute and it runs on
     * its own schedule). Disabling and re-enabling change tracking on the table discards all of its
     * change information and raises its min valid version to the current version, which is what a
     * cleanup past {@code version} looks like to a reader.
     */
    @Override
    public void forgetChangesThrough(Version version) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE dbo.task DISABLE CHANGE_TRACKING");
            statement.execute("ALTER TABLE dbo.task ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON)");
        }
    }
}
