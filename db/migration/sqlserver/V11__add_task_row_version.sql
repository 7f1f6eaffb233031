-- Optimistic concurrency (docs/writes.md): every task carries a rowversion, which SQL Server changes on EVERY
-- update of the row, whoever writes it (the application, a DBA, a batch job); it cannot be set by a writer.
-- The API shows it as the task's rowVersion and ETag (16 hex digits: the 8 bytes as a big-endian BIGINT);
-- PATCH and DELETE with If-Match run "... WHERE id = ? AND row_version = ?", so that the check and the write
-- are one statement.
--
-- rowversion (a synonym of timestamp) is binary(8), unique within the database, and the table may have only
-- one such column. Adding it to an existing table gives every existing row a value. It is not a key column,
-- so change tracking's primary key and what CHANGETABLE reports for deleted rows stay as they are.
-- Versions 11 and 12 on both dialects (the numbers in between are left to other work).

ALTER TABLE dbo.task ADD row_version ROWVERSION NOT NULL;
