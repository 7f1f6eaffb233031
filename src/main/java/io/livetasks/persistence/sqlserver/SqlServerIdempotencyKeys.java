package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.IdempotencyKeyStatements;

/**
 * The idempotency key statements on SQL Server ({@code V12__create_idempotency_key.sql}). SELECT_KEY runs first
 * in a READ UNCOMMITTED transaction (the same as a NOLOCK hint on every table it reads), so it neither waits for
 * nor misses the uncommitted placeholder of a request in flight; an answer it sees is confirmed at READ
 * COMMITTED (which waits for the writer's commit, or, with READ_COMMITTED_SNAPSHOT on, reads the last committed
 * row) before it is replayed.
 */
public final class SqlServerIdempotencyKeys implements IdempotencyKeyStatements {

    private static final String INSERT_KEY = """
            INSERT INTO dbo.idempotency_key (user_name, idem_key, request_hash) VALUES (?, ?, ?)
            """;

    private static final String COMPLETE_KEY = """
            UPDATE dbo.idempotency_key SET status = ?, location = ?, etag = ?, body = ?, change_version = ?
             WHERE user_name = ? AND idem_key = ?
            """;

    private static final String SELECT_KEY = """
            SELECT request_hash, status, location, etag, body, change_version
              FROM dbo.idempotency_key WHERE user_name = ? AND idem_key = ?
            """;

    private static final String UPDATE_KEY_VERSION = """
            UPDATE dbo.idempotency_key SET change_version = ?
             WHERE user_name = ? AND idem_key = ? AND change_version IS NULL
            """;

    /**
     * At most 1,000 rows per statement (TOP takes a constant or parenthesised expression): lock escalation starts at
     * 5,000 locks on one table or index, and each row deleted locks a key in the clustered index and in each
     * secondary one, so batches stay well below it and writers inserting meanwhile are not blocked by a table lock.
     */
    private static final String DELETE_OLD_KEYS = """
            DELETE TOP (1000) FROM dbo.idempotency_key WHERE created_at < DATEADD(HOUR, -?, SYSUTCDATETIME())
            """;

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
    }

    @Override
    public String insertKey() {
        return INSERT_KEY;
    }

    @Override
    public String completeKey() {
        return COMPLETE_KEY;
    }

    @Override
    public String selectKey() {
        return SELECT_KEY;
    }

    @Override
    public String updateKeyVersion() {
        return UPDATE_KEY_VERSION;
    }

    @Override
    public String deleteOldKeys() {
        return DELETE_OLD_KEYS;
    }
}
