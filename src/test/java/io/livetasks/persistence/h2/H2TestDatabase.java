package io.livetasks.persistence.h2;

import io.livetasks.persistence.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh H2 file database under target/, started and migrated as the application does. */
final class H2TestDatabase implements AutoCloseable {

    private final H2Dialect dialect = new H2Dialect();
    private final DataSource dataSource;
    private final JdbcConnectionPool pool;

    /** Pooled, as in the server: opening an H2 connection costs milliseconds (password hashing). */
    H2TestDatabase() {
        this(true);
    }

    private H2TestDatabase(boolean pooled) {
        Path file = Path.of("target", "h2-tests", UUID.randomUUID().toString(), "livetasks").toAbsolutePath();
        JdbcDataSource unpooled = new JdbcDataSource();
        // As in server.xml (AUTO_SERVER aside); DB_CLOSE_DELAY keeps it open between connections.
        unpooled.setURL("jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        unpooled.setUser("sa");
        pool = pooled ? JdbcConnectionPool.create(unpooled) : null;
        dataSource = pooled ? pool : unpooled;
        if (pooled) {
            pool.setMaxConnections(20);
        }
        dialect.start(dataSource);
        Migrations.migrate(dialect, dataSource);
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
