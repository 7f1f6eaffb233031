-- Turns on SQL Server change tracking, which the application polls with CHANGETABLE(CHANGES ...).
--
-- ALTER DATABASE cannot run inside a transaction: V2__enable_change_tracking.sql.conf tells Flyway to
-- run this script without one. Each statement is safe to re-run by hand only after checking
-- sys.change_tracking_databases / sys.change_tracking_tables (enabling twice is an error).
--
-- Snapshot isolation: the application reads the current version and the changes in one SNAPSHOT
-- transaction (Microsoft's recommended recipe), so the version it resumes from matches what it read.
ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;

-- Retention: clients that fall further behind than this must reload (CHANGE_TRACKING_MIN_VALID_VERSION
-- rises as the automatic cleanup removes old changes).
ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON);

-- TRACK_COLUMNS_UPDATED lets the application tell "completed toggled" from other edits
-- (CHANGE_TRACKING_IS_COLUMN_IN_MASK on SYS_CHANGE_COLUMNS).
ALTER TABLE dbo.task ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);

-- Lists are tracked too, for consumers that want list changes; the task feed does not need it.
ALTER TABLE dbo.task_list ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);
