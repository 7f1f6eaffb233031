package io.livetasks.it.cluster;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The one database that every Liberty instance of a {@link Cluster} shares, as the test sees it: where the
 * servers reach it (directly or through a {@link TcpProxy}), plain JDBC connections for writes that bypass
 * the API, and the few vendor-specific reads and chores the tests need. H2 in server mode runs here; SQL
 * Server runs in a container where Docker is available.
 */
public interface ClusterDatabase extends AutoCloseable {

    /** The server.xml {@code db.kind}: {@code h2} or {@code sqlserver}. */
    String kind();

    /** Where the database listens (loopback). */
    InetSocketAddress address();

    /** The JDBC URL a server uses to reach the database at {@code host:port} (the database's own or a proxy's). */
    String url(String host, int port);

    String user();

    String password();

    /** A new plain JDBC connection, straight to the database (never through a proxy). */
    Connection connect() throws SQLException;

    /**
     * The version of the latest change of every task key of the list that change tracking still knows,
     * deleted tasks included: {@code taskId -> version}.
     */
    Map<Long, Long> lastChangeVersions(long listId) throws SQLException;

    /** The database's current change-tracking version. */
    long currentVersion() throws SQLException;

    /** Forgets the change information up to at least {@code version}: the min valid version rises past it. */
    void forgetChangesThrough(long version) throws SQLException;

    /** Whether this database reports a rolled-back transaction that may simply be run again. */
    boolean isTransient(SQLException e);

    @Override
    void close();
}
