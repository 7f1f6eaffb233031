-- Safe retries (docs/writes.md): one row per Idempotency-Key a caller sent with a successful write, holding the
-- answer the write gave, so that a retry with the same key gets that answer again and changes nothing twice.
-- The row is inserted in the SAME transaction as the write (first, as a placeholder with status NULL, then
-- completed with the answer), so a write is never committed without its key, and a concurrent request with the
-- same key finds the placeholder (409) or waits for the primary key and then finds the answer.
-- Failed writes roll the row back with them: a retry of a 4xx or 5xx runs again.
--
-- NOT change-tracked: keys are no change clients follow. Rows older than livetasks.idempotency.window.hours
-- are deleted by the application's purge (created_at is UTC).
--   user_name      the caller: keys are per caller, another user's equal key is another key
--   idem_key       the header's value, 1-255 visible ASCII characters. Binary-collated: the default
--                  case-insensitive collation would make "abc" and "ABC" one key. NVARCHAR like the driver's string
--                  parameters (sendStringParametersAsUnicode), so that the primary key lookup needs no conversion.
--   request_hash   SHA-256 (hex) of method, path and body: the same key with another request is refused (422)
--   status         the answer's HTTP status; NULL while the write is in flight
--   location, etag, body   the answer's Location and ETag headers and its body (JSON), as sent
--   change_version X-Change-Version of the answer; NULL until it is recorded right after the commit (SQL Server
--                  tells a commit's version only after it), then a replay answers the current version

CREATE TABLE dbo.idempotency_key (
    user_name      NVARCHAR(128)                     NOT NULL,
    idem_key       NVARCHAR(255) COLLATE Latin1_General_BIN2 NOT NULL,
    request_hash   CHAR(64)                          NOT NULL,
    status         INT                               NULL,
    location       NVARCHAR(2048)                    NULL,
    etag           VARCHAR(100)                      NULL,
    body           NVARCHAR(MAX)                     NULL,
    change_version BIGINT                            NULL,
    created_at     DATETIME2(3)                      NOT NULL CONSTRAINT df_idempotency_key_created_at DEFAULT SYSUTCDATETIME(),
    CONSTRAINT pk_idempotency_key PRIMARY KEY (user_name, idem_key)
);
CREATE INDEX ix_idempotency_key_created_at ON dbo.idempotency_key (created_at);
