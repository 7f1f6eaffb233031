package io.livetasks.it.cluster;

import io.livetasks.testing.SqlServerContainers;
import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import io.livetasks.persistence.Migrations;
import io.livetasks.persistence.sqlserver.SqlServerDialect;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * SQL Server 2022 in a container (Testcontainers; needs Docker), with a {@code livetasks} database
 * migrated by the application's Flyway scripts, so native change tracking ({@code CHANGETABLE}) feeds the
 * instances.
 */
public final class SqlServerClusterDatabase implements ClusterDatabase {

    private static final String DATABASE = "livetasks";
    private static final int DEADLOCK_VICTIM = 1205;
    private static final int LOCK_TIMEOUT = 1222;

    private final MSSQLServerContainer container;

    private SqlServerClusterDatabase(MSSQLServerContainer container) {
        this.container = container;
    }

    public static SqlServerClusterDatabase start() throws SQLException {
        MSSQLServerContainer container = SqlServerContainers.create();
        container.start();
        try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        SqlServerClusterDatabase database = new SqlServerClusterDatabase(container);
        SQLServerDataSource dataSource = new SQLServerDataSource();
        dataSource.setURL(database.url(container.getHost(), container.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT)));
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        SqlServerDialect dialect = new SqlServerDialect();
        dialect.start(dataSource);
        Migrations.migrate(dialect, dataSource);
        return database;
    }

    @Override
    public String kind() {
        return "sqlserver";
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(container.getHost(), container.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT));
    }

    @Override
    public String url(String host, int port) {
        return "jdbc:sqlserver://" + host + ":" + port + ";databaseName=" + DATABASE + ";encrypt=false;trustServerCertificate=true"
                + ";connectRetryInterval=" + Cluster.CONNECT_RETRY_INTERVAL_SECONDS;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public Connection connect() throws SQLException {
        InetSocketAddress address = address();
        return DriverManager.getConnection(url(address.getHostString(), address.getPort()), user(), password());
    }

    @Override
    public Map<Long, Long> lastChangeVersions(long listId) throws SQLException {
        Map<Long, Long> versions = new HashMap<>();
        try (Connection connection = connect();
             // CHANGETABLE's version argument must be a value or a variable; a function call is a syntax error.
             PreparedStatement statement = connection.prepareStatement("""
                     SET NOCOUNT ON;
                     DECLARE @since BIGINT = CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.task'));
                     SELECT ct.id, ct.SYS_CHANGE_VERSION
                       FROM CHANGETABLE(CHANGES dbo.task, @since) AS ct
                      WHERE ct.list_id = ?
                     """)) {
            statement.setLong(1, listId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return versions;
    }

    @Override
    public long currentVersion() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CHANGE_TRACKING_CURRENT_VERSION()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * SQL Server's cleanup cannot be hurried; turning tracking off and on for the table discards its change
     * information and raises its min valid version to the current version, as a cleanup past it would.
     */
    @Override
    public void forgetChangesThrough(long version) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE dbo.task DISABLE CHANGE_TRACKING");
            statement.execute("ALTER TABLE dbo.task ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON)");
        }
    }

    @Override
    public boolean isTransient(SQLException e) {
        return e.getErrorCode() == DEADLOCK_VICTIM || e.getErrorCode() == LOCK_TIMEOUT;
    }

    @Override
    public void close() {
        container.stop();
    }
}
