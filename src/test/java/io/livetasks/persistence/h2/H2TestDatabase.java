package io.livetasks.persistence.h2;

import io.livetasks.persistence.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh H2 file database under target/, migrated as the application does: a copy of one database that this JVM
 * migrated once (the Flyway run took most of a test's time, and the tests here ask for some hundred databases).
 */
final class H2TestDatabase implements AutoCloseable {

    private static final String FILE_NAME = "livetasks";
    /** H2's one file for a database named {@value #FILE_NAME}. */
    private static final String DATA_FILE = FILE_NAME + ".mv.db";
    private static Path migrated;

    private final H2Dialect dialect = new H2Dialect();
    private final DataSource dataSource;
    private final JdbcConnectionPool pool;

    /** Pooled, as in the server: opening an H2 connection costs milliseconds (password hashing). */
    H2TestDatabase() {
        this(true);
    }

    private H2TestDatabase(boolean pooled) {
        Path directory = newDirectory();
        try {
            Files.copy(migratedDatabase().resolve(DATA_FILE), directory.resolve(DATA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the migrated test database", e);
        }
        JdbcDataSource unpooled = dataSourceOf(directory);
        pool = pooled ? JdbcConnectionPool.create(unpooled) : null;
        dataSource = pooled ? pool : unpooled;
        if (pooled) {
            pool.setMaxConnections(20);
        }
        dialect.start(dataSource);
    }

    /** The directory of this JVM's migrated database, made at the first call: migrated, then shut down (closed). */
    private static synchronized Path migratedDatabase() {
        if (migrated == null) {
            Path directory = newDirectory();
            JdbcDataSource dataSource = dataSourceOf(directory);
            H2Dialect dialect = new H2Dialect();
            dialect.start(dataSource);
            try {
                Migrations.migrate(dialect, dataSource);
                shutdown(dataSource);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot migrate the test database", e);
            } finally {
                dialect.stop();
            }
            migrated = directory;
        }
        return migrated;
    }

    private static Path newDirectory() {
        Path directory = Path.of("target", "h2-tests", UUID.randomUUID().toString()).toAbsolutePath();
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    private static JdbcDataSource dataSourceOf(Path directory) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // As in server.xml (AUTO_SERVER aside); DB_CLOSE_DELAY keeps it open between connections.
        dataSource.setURL("jdbc:h2:file:" + directory.resolve(FILE_NAME) + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Without a pool, so that {@link #shutdown()} can be followed by new connections. */
    static H2TestDatabase unpooled() {
        return new H2TestDatabase(false);
    }

    H2Dialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Closes the database; the next connection opens it again (and H2 loads the trigger again). */
    void shutdown() throws SQLException {
        shutdown(dataSource);
    }

    private static void shutdown(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            shutdown();
        } finally {
            if (pool != null) {
                pool.dispose();
            }
            dialect.stop();
        }
    }
}
