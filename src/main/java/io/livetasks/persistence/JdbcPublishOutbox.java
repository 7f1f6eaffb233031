package io.livetasks.persistence;

import io.livetasks.publish.PublishCommand;
import io.livetasks.publish.PublishOutbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/** The outbox table over JDBC, with the dialect's {@link PublishOutboxStatements}. */
@ApplicationScoped
public class JdbcPublishOutbox implements PublishOutbox {

    private final Database database;
    private volatile PublishOutboxStatements sql;

    @Inject
    public JdbcPublishOutbox(Database database) {
        this.database = database;
    }

    /** For the CDI proxy only. */
    protected JdbcPublishOutbox() {
        this(null);
    }

    private PublishOutboxStatements sql() {
        PublishOutboxStatements current = sql;
        if (current == null) {
            current = DialectStatements.one(PublishOutboxStatements.class, database.dialect());
            sql = current;
        }
        return current;
    }

    @Override
    public void append(PublishCommand command) throws SQLException {
        String insert = sql().insert();
        Jdbc.inTransaction(database.dataSource(), Connection.TRANSACTION_READ_COMMITTED, database.dialect()::isTransient, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, command.hub());
                statement.setString(2, command.action().code());
                statement.setString(3, command.group());
                statement.setString(4, command.recipient());
                statement.setString(5, command.message());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public int deleteOlderThan(Duration age) throws SQLException {
        String delete = sql().deleteOlderThan();
        return Jdbc.inTransaction(database.dataSource(), Connection.TRANSACTION_READ_COMMITTED, database.dialect()::isTransient, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
                statement.setLong(1, Math.max(0, age.toSeconds()));
                return statement.executeUpdate();
            }
        });
    }
}
