package io.livetasks.persistence;

import io.livetasks.task.DataAccessException;
import io.livetasks.task.Presence;
import io.livetasks.task.PresenceStore;
import io.livetasks.task.Viewer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The presence tables over JDBC, with the dialect's {@link PresenceStatements}: each method is one short
 * transaction, run again when the database reports a transient failure (writes to {@code list_presence} take
 * the H2 emulation's version lock, as every tracked write does).
 */
@ApplicationScoped
public class JdbcPresenceStore implements PresenceStore {

    private final Database database;
    private volatile PresenceStatements sql;

    @Inject
    public JdbcPresenceStore(Database database) {
        this.database = database;
    }

    /** For the CDI proxy only. */
    protected JdbcPresenceStore() {
        this(null);
    }

    /** A store on {@code dialect} and {@code dataSource} (the dialect tests). */
    public static PresenceStore of(Dialect dialect, DataSource dataSource) {
        return new Plain(dialect, dataSource);
    }

    private Plain plain() {
        return new Plain(database.dialect(), database.dataSource(), statements());
    }

    private PresenceStatements statements() {
        PresenceStatements current = sql;
        if (current == null) {
            current = DialectStatements.one(PresenceStatements.class, database.dialect());
            sql = current;
        }
        return current;
    }

    @Override
    public void add(long listId, String user, String instance) {
        plain().add(listId, user, instance);
    }

    @Override
    public void remove(long listId, String user, String instance) {
        plain().remove(listId, user, instance);
    }

    @Override
    public Presence viewers(long listId) {
        return plain().viewers(listId);
    }

    @Override
    public boolean heartbeat(String instance) {
        return plain().heartbeat(instance);
    }

    @Override
    public int expire(Duration ttl) {
        return plain().expire(ttl);
    }

    @Override
    public void forget(String instance) {
        plain().forget(instance);
    }

    @Override
    public long count() {
        return plain().count();
    }

    /** The store itself, outside CDI. */
    private static final class Plain implements PresenceStore {

        private final Dialect dialect;
        private final DataSource dataSource;
        private final PresenceStatements sql;

        Plain(Dialect dialect, DataSource dataSource) {
            this(dialect, dataSource, DialectStatements.one(PresenceStatements.class, dialect));
        }

        Plain(Dialect dialect, DataSource dataSource, PresenceStatements sql) {
            this.dialect = dialect;
            this.dataSource = dataSource;
            this.sql = sql;
        }

        @Override
        public void add(long listId, String user, String instance) {
            write("record a viewer", connection -> update(connection, sql.insertViewer(), listId, user, instance,
                    listId, user, instance));
        }

        @Override
        public void remove(long listId, String user, String instance) {
            write("remove a viewer", connection -> update(connection, sql.deleteViewer(), listId, user, instance));
        }

        @Override
        public Presence viewers(long listId) {
            try {
                // The version first: the viewers read after it reflect at least every change up to it.
                return Jdbc.inTransaction(dataSource, dialect.snapshotIsolation(), dialect::isTransient, connection -> {
                    long version = Jdbc.queryLong(connection, dialect.selectCurrentVersion());
                    List<Viewer> viewers = new ArrayList<>();
                    try (PreparedStatement statement = connection.prepareStatement(sql.selectViewers())) {
                        statement.setLong(1, listId);
                        try (ResultSet rows = statement.executeQuery()) {
                            while (rows.next()) {
                                viewers.add(new Viewer(rows.getString("user_name"), Jdbc.utc(rows, "since")));
                            }
                        }
                    }
                    return new Presence(listId, viewers, version);
                });
            } catch (SQLException e) {
                throw failure("read the viewers", e);
            }
        }

        @Override
        public boolean heartbeat(String instance) {
            return write("write the heartbeat", connection -> {
                if (update(connection, sql.updateHeartbeat(), instance) > 0) {
                    return 1;
                }
                update(connection, sql.insertHeartbeat(), instance);
                return 0;
            }) > 0;
        }

        @Override
        public int expire(Duration ttl) {
            int ttlMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, ttl.toMillis()));
            return write("expire viewers", connection -> {
                int viewers = update(connection, sql.deleteExpiredViewers(), ttlMillis);
                update(connection, sql.deleteExpiredHeartbeats(), ttlMillis);
                return viewers;
            });
        }

        @Override
        public void forget(String instance) {
            write("forget an instance", connection -> update(connection, sql.deleteInstanceViewers(), instance)
                    + update(connection, sql.deleteHeartbeat(), instance));
        }

        @Override
        public long count() {
            try {
                return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED,
                        connection -> Jdbc.queryLong(connection, sql.countViewers()));
            } catch (SQLException e) {
                throw failure("count the viewers", e);
            }
        }

        private int write(String what, Jdbc.Work<Integer> work) {
            try {
                return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED, dialect::isTransient, work);
            } catch (SQLException e) {
                throw failure(what, e);
            }
        }

        private DataAccessException failure(String what, SQLException e) {
            return new DataAccessException("Could not " + what, e, dialect.isUnavailable(e));
        }

        private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        }
    }
}
