package io.livetasks.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A plain JDBC connection to the integration-test server's embedded H2 database, from this (separate)
 * process, through H2's AUTO_SERVER: the kind of write a DBA or a batch job makes, bypassing the API.
 */
public final class ItDatabase {

    private ItDatabase() {
    }

    public static Connection connect() throws SQLException {
        Path db = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/livetasks-it"), "data", "livetasks");
        return DriverManager.getConnection("jdbc:h2:" + db.toAbsolutePath() + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000", "sa", "");
    }
}
