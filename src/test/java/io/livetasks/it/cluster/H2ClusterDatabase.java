package io.livetasks.it.cluster;

import io.livetasks.changefeed.Version;
import io.livetasks.persistence.Migrations;
import io.livetasks.persistence.h2.H2Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;

/**
 * H2 in server mode, in the test JVM: a TCP server on a loopback port over a fresh database under
 * {@code target/}, migrated here before any Liberty instance starts (so instances starting together do
 * not race on the schema). The change-tracking trigger runs inside this JVM, where H2 finds it on the
 * test class path, for every writer, whichever server or connection wrote.
 */
public final class H2ClusterDatabase implements ClusterDatabase {

    private static final String NAME = "livetasks";
    private static final int DEADLOCK = 40001;
    private static final int LOCK_TIMEOUT = 50200;
    private static final int CONCURRENT_UPDATE = 90131;

    private final Server server;
    private final int port;

    private H2ClusterDatabase(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a TCP server on {@code port} over a fresh database in {@code baseDir} and migrates it. */
    public static H2ClusterDatabase start(Path baseDir, int port) throws SQLException {
        try {
            if (Files.exists(baseDir)) {
                try (var files = Files.walk(baseDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                "-baseDir", baseDir.toAbsolutePath().toString()).start();
        H2ClusterDatabase database = new H2ClusterDatabase(server, port);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(database.url("127.0.0.1", port));
        dataSource.setUser("sa");
        H2Dialect dialect = new H2Dialect();
        dialect.start(dataSource);
        Migrations.migrate(dialect, dataSource);
        return database;
    }

    @Override
    public String kind() {
        return "h2";
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public String url(String host, int port) {
        return "jdbc:h2:tcp://" + host + ":" + port + "/" + NAME + ";LOCK_TIMEOUT=10000";
    }

    @Override
    public String user() {
        return "sa";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url("127.0.0.1", port), user(), password());
    }

    @Override
    public Map<Long, Long> lastChangeVersions(long listId) throws SQLException {
        Map<Long, Long> versions = new HashMap<>();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT task_id, version FROM ct_task WHERE list_id = ?")) {
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
             ResultSet rows = statement.executeQuery("SELECT v FROM ct_version WHERE id = 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The emulation's own retention cleanup (the one the servers run when changes expire), hurried. */
    @Override
    public void forgetChangesThrough(long version) throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url("127.0.0.1", port));
        dataSource.setUser(user());
        new H2Dialect().cleanup(dataSource).purgeThrough(Version.of(version));
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        return code == DEADLOCK || code == LOCK_TIMEOUT || code == CONCURRENT_UPDATE;
    }

    @Override
    public void close() {
        server.stop();
    }
}
