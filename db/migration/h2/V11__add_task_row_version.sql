-- Optimistic concurrency (docs/writes.md): every task carries a row version that EVERY update of the row
-- changes, whoever writes it (the application, a DBA's plain SQL, another process through AUTO_SERVER), as
-- SQL Server's rowversion column does (db/migration/sqlserver/V11). The API shows it as the task's rowVersion
-- and ETag; PATCH and DELETE with If-Match run "... WHERE id = ? AND row_version = ?", so that the check and
-- the write are one statement.
--
-- H2 has no rowversion type. New rows (and, here, every existing row) take the next value of a sequence as
-- the column's DEFAULT; on every UPDATE a BEFORE UPDATE row trigger sets the next value (H2RowVersionTrigger:
-- the column's ON UPDATE clause would skip updates that change no value, and would let a writer set the
-- column). A sequence never hands a value out twice, so a row's new version always differs from its old ones.
-- The values need not follow commit order: they are compared for equality only, never for "newer".
-- Versions 11 and 12 on both dialects (the numbers in between are left to other work).

CREATE SEQUENCE task_row_version_seq START WITH 1;

ALTER TABLE task ADD COLUMN row_version BIGINT DEFAULT NEXT VALUE FOR task_row_version_seq NOT NULL;

-- The trigger class is Java, loaded as the change-tracking triggers are (see V2 and H2TriggerClasses).
CREATE TRIGGER task_row_version BEFORE UPDATE ON task
    FOR EACH ROW CALL 'io.livetasks.persistence.h2.H2RowVersionTrigger';
