package io.livetasks.persistence;

/** The publish API's outbox statements ({@code V10__create_publish_outbox.sql}) in one dialect. */
public interface PublishOutboxStatements extends DialectStatements {

    /** (hub, action, group_name, recipient, message) → inserts one row. */
    String insert();

    /** (ageSeconds) → deletes a bounded batch of the rows created more than that many seconds ago. */
    String deleteOlderThan();
}
