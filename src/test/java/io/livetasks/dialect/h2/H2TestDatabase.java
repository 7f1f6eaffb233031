package io.livetasks.dialect.h2;

import io.livetasks.dialect.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh H2 file database under target/, started and migrated as the application does. */
final class H2TestDatabase implements AutoCloseable {

    private final H2Dialect dialect = new H2Dialect();
    private final JdbcDataSource dataSource = new JdbcDataSource();

    H2TestDatabase() {
        Path file = Path.of("target", "h2-tests", UUID.randomUUID().toString(), "livetasks").toAbsolutePath();
        // As in server.xml (AUTO_SERVER aside); DB_CLOSE_DELAY keeps it open between connections.
        dataSource.setURL("jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dialect.start(dataSource);
        Migrations.migrate(dialect, dataSource);
    }

    H2Dialect dialect() {
        return dialect;
    }

    JdbcDataSource dataSource() {
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
            dialect.stop();
        }
    }
}
