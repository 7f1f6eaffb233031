-- The least-privilege database user livetasks runs as (with livetasks.db.migrate=validate or off): it reads
-- and writes the application's rows, reads their changes, and reads Flyway's history to validate it. It
-- cannot create, alter or drop anything. Run as the schema owner in the livetasks database, after the
-- migrations, with the user's name as a sqlcmd variable:
--     sqlcmd -S <server> -d livetasks -G -v app_user="livetasks_app" -i db/sqlserver/grant-runtime-login.sql
-- Re-runnable: GRANT of a permission the user holds changes nothing.
--
-- Create the user first, one of:
--   SQL Server login:        CREATE LOGIN livetasks_app WITH PASSWORD = '<from your secret store>';  (in master)
--                            CREATE USER livetasks_app FOR LOGIN livetasks_app;                     (here)
--   Azure SQL, contained:    CREATE USER livetasks_app WITH PASSWORD = '<from your secret store>';
--   Azure SQL, Entra ID managed identity (no password; the name is the identity's name):
--                            CREATE USER [<managed identity name>] FROM EXTERNAL PROVIDER;
--
-- A tracked table's changes need SELECT on the table and VIEW CHANGE TRACKING on it (CHANGETABLE and
-- CHANGE_TRACKING_MIN_VALID_VERSION return nothing without it). Writes return their rows through
-- OUTPUT ... INTO, which needs SELECT too.

GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.task_list TO [$(app_user)];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.task TO [$(app_user)];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.list_member TO [$(app_user)];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.publish_outbox TO [$(app_user)];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.list_presence TO [$(app_user)];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.instance_heartbeat TO [$(app_user)];
-- Idempotency keys (V12): not change-tracked, so no VIEW CHANGE TRACKING.
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.idempotency_key TO [$(app_user)];

GRANT VIEW CHANGE TRACKING ON dbo.task TO [$(app_user)];
GRANT VIEW CHANGE TRACKING ON dbo.list_member TO [$(app_user)];
GRANT VIEW CHANGE TRACKING ON dbo.publish_outbox TO [$(app_user)];
GRANT VIEW CHANGE TRACKING ON dbo.list_presence TO [$(app_user)];

GRANT SELECT ON dbo.flyway_schema_history TO [$(app_user)];
