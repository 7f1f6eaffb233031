package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.PublishOutboxStatements;

/** The publish API's outbox statements on SQL Server. */
public final class SqlServerPublishOutbox implements PublishOutboxStatements {

    private static final String INSERT = """
            INSERT INTO dbo.publish_outbox (hub, action, group_name, recipient, message) VALUES (?, ?, ?, ?, ?)
            """;

    /** At most 1,000 rows per run (lock escalation starts at 5,000 locks on one index; a row deleted locks a key in each), oldest first by the created_at index. */
    private static final String DELETE_OLDER_THAN = """
            DELETE TOP (1000) FROM dbo.publish_outbox
             WHERE created_at < DATEADD(SECOND, -CAST(? AS INT), SYSUTCDATETIME())
            """;

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
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
