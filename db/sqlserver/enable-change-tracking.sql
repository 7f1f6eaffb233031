-- Turns on what livetasks needs of a SQL Server / Azure SQL database, for a DBA who runs it by hand (sqlcmd,
-- SSMS, Azure Data Studio) instead of letting Flyway do it. Every statement is guarded: running the script
-- again, or on a database where some of it is on already, changes nothing and fails on nothing.
-- Run it in the livetasks database, after the tables exist (V1, V4), as a login with ALTER on the database
-- and the tables:
--     sqlcmd -S <server> -d livetasks -G -i db/sqlserver/enable-change-tracking.sql      (Entra ID)
--     sqlcmd -S <server> -d livetasks -U <owner> -i db/sqlserver/enable-change-tracking.sql
-- Change the retention to suit the longest client absence that should resume without a reload
-- (docs/database.md, "Retention"). Identical to db/migration/sqlserver/V5__ensure_change_tracking.sql.
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

-- The publish API's outbox (V10; docs/publish-api.md), where it exists already.
IF OBJECT_ID('dbo.publish_outbox') IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID('dbo.publish_outbox'))
    ALTER TABLE dbo.publish_outbox ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);

-- Presence (V13; docs/presence.md), where it exists already.
IF OBJECT_ID('dbo.list_presence') IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID('dbo.list_presence'))
    ALTER TABLE dbo.list_presence ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
