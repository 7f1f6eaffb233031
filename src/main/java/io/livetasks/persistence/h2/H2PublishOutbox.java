package io.livetasks.persistence.h2;

import io.livetasks.persistence.PublishOutboxStatements;

/** The publish API's outbox statements on H2. */
public final class H2PublishOutbox implements PublishOutboxStatements {

    private static final String INSERT = """
            INSERT INTO publish_outbox (hub, action, group_name, recipient, message) VALUES (?, ?, ?, ?, ?)
            """;

    /** At most 5,000 rows per run, so that the cleanup never holds the change-version counter for long. */
    private static final String DELETE_OLDER_THAN = """
            DELETE FROM publish_outbox
             WHERE created_at < DATEADD(SECOND, -?, CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3)))
             FETCH FIRST 5000 ROWS ONLY
            """;

    @Override
    public String dialect() {
        return H2Dialect.NAME;
    }

    @Override
    public String insert() {
        return INSERT;
    }

    @Override
    public String deleteOlderThan() {
        return DELETE_OLDER_THAN;
    }
}
