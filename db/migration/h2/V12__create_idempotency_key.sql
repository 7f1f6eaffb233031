-- Safe retries (docs/writes.md): one row per Idempotency-Key a caller sent with a successful write, holding the
-- answer the write gave, so that a retry with the same key gets that answer again and changes nothing twice.
-- The row is inserted in the SAME transaction as the write (first, as a placeholder with status NULL, then
-- completed with the answer), so a write is never committed without its key, and a concurrent request with the
-- same key finds the placeholder (409) or waits for the primary key and then finds the answer.
-- Failed writes roll the row back with them: a retry of a 4xx or 5xx runs again.
--
-- NOT change-tracked (no trigger): keys are no change clients follow. Rows older than
-- livetasks.idempotency.window.hours are deleted by the application's purge (created_at is UTC).
--   user_name      the caller: keys are per caller, another user's equal key is another key
--   idem_key       the header's value, 1-255 visible ASCII characters
--   request_hash   SHA-256 (hex) of method, path and body: the same key with another request is refused (422)
--   status         the answer's HTTP status; NULL while the write is in flight
--   location, etag, body   the answer's Location and ETag headers and its body (JSON), as sent
--   change_version X-Change-Version of the answer (the commit's change-tracking version)

CREATE TABLE idempotency_key (
    user_name      VARCHAR(128)  NOT NULL,
    idem_key       VARCHAR(255)  NOT NULL,
    request_hash   CHAR(64)      NOT NULL,
    status         INT,
    location       VARCHAR(2048),
    etag           VARCHAR(100),
    body           CHARACTER LARGE OBJECT,
    change_version BIGINT,
    created_at     TIMESTAMP(3)  NOT NULL DEFAULT CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3)),
    CONSTRAINT pk_idempotency_key PRIMARY KEY (user_name, idem_key)
);
CREATE INDEX ix_idempotency_key_created_at ON idempotency_key (created_at);
