package io.livetasks.publish;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The port to the outbox table: a command appended here reaches every instance on the database through the
 * change feed of that table (see {@link PublishFeed}). Implemented in {@code persistence}.
 */
public interface PublishOutbox {

    /** Appends the command in a transaction of its own; it is committed when this returns. */
    void append(PublishCommand command) throws SQLException;

    /** Deletes commands older than {@code age} (every instance has long applied them). @return rows deleted */
    int deleteOlderThan(Duration age) throws SQLException;
}
