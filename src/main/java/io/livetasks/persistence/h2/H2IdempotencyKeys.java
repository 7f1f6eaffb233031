package io.livetasks.persistence.h2;

import io.livetasks.persistence.IdempotencyKeyStatements;

/** The idempotency key statements on H2 ({@code V12__create_idempotency_key.sql}). */
public final class H2IdempotencyKeys implements IdempotencyKeyStatements {

    private static final String INSERT_KEY = """
            INSERT INTO idempotency_key (user_name, idem_key, request_hash) VALUES (?, ?, ?)
            """;

    private static final String COMPLETE_KEY = """
            UPDATE idempotency_key SET status = ?, location = ?, etag = ?, body = ?, change_version = ?
             WHERE user_name = ? AND idem_key = ?
            """;

    private static final String SELECT_KEY = """
            SELECT request_hash, status, location, etag, body, change_version
              FROM idempotency_key WHERE user_name = ? AND idem_key = ?
            """;

    private static final String UPDATE_KEY_VERSION = """
            UPDATE idempotency_key SET change_version = ?
             WHERE user_name = ? AND idem_key = ? AND change_version IS NULL
            """;

    /** At most 5,000 rows per statement, so that a purge never holds many row locks at once. */
    private static final String DELETE_OLD_KEYS = """
            DELETE FROM idempotency_key
             WHERE created_at < DATEADD(HOUR, -?, CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3)))
             FETCH FIRST 5000 ROWS ONLY
            """;

    @Override
    public String dialect() {
        return H2Dialect.NAME;
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
