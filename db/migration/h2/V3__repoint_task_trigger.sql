-- The Java package of the change-tracking trigger moved (io.livetasks.dialect.h2 -> io.livetasks.persistence.h2).
-- V2 stays as shipped; this re-creates the same trigger under the class's current name. The application
-- still answers to the old name (H2TriggerClasses), so V2 keeps running on a new database.
DROP TRIGGER task_change_tracking;
CREATE TRIGGER task_change_tracking AFTER INSERT, UPDATE, DELETE ON task
    FOR EACH ROW CALL 'io.livetasks.persistence.h2.H2ChangeTrigger';
