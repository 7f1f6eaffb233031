-- Re-asserts what the application needs of the database, each statement guarded so that the script can run
-- any number of times (the same statements as db/sqlserver/enable-change-tracking.sql, which a DBA runs by
-- hand): snapshot isolation, change tracking for the database and for every tracked table. On a database
-- migrated from V1 it changes nothing. V2 stays as shipped: editing it would change its Flyway checksum and
-- fail validation on every database that ran it.
--
-- ALTER DATABASE cannot run inside a transaction: V5__ensure_change_tracking.sql.conf runs this script
-- without one. The guards read the catalog views, which show the migrating login (the schema owner) everything.

IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state IN (1, 3))
    ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;

IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())
    ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON);

IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID('dbo.task'))
    ALTER TABLE dbo.task ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);

IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID('dbo.task_list'))
    ALTER TABLE dbo.task_list ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);

IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID('dbo.list_member'))
    ALTER TABLE dbo.list_member ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
