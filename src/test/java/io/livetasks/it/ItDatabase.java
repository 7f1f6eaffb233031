package io.livetasks.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A plain JDBC connection to the integration-test server's embedded H2 database, from this (separate)
 * process, through H2's AUTO_SERVER: the kind of write a DBA or a batch job makes, bypassing the API. With
 * the embedded default's credentials ({@code liberty/datasource-h2.xml}), as the README's DBA command.
 */
public final class ItDatabase {

    /** The embedded demo database's password (server variable {@code db.password}, default of datasource-h2.xml). */
    public static final String PASSWORD = "livetasks-demo";

    private ItDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "sa", PASSWORD);
    }

    /** The JDBC URL of the integration-test server's database, as a second process opens it. */
    public static String url() {
        Path db = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/livetasks-it"), "data", "livetasks");
        return "jdbc:h2:" + db.toAbsolutePath() + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    }
}
