-- Emulates SQL Server change tracking for the task table inside H2 (see docs/database.md).
-- A row trigger, run by the database for every writer (the application, a shell, another process
-- through AUTO_SERVER), records each changed primary key with the version of its transaction.
-- TRUNCATE and DDL are not tracked, as on SQL Server.

-- The version counter: one row. The trigger takes its transaction's version by updating this row, and
-- the row lock it then holds until commit makes a later writer wait, so versions follow commit order.
-- tx names the transaction that owns v, so that every row of one transaction gets the same version.
CREATE TABLE ct_version (
    id INT          NOT NULL,
    v  BIGINT       NOT NULL,
    tx VARCHAR(100),
    CONSTRAINT pk_ct_version PRIMARY KEY (id),
    CONSTRAINT ck_ct_version_one_row CHECK (id = 1)
);
INSERT INTO ct_version (id, v, tx) VALUES (1, 0, NULL);

-- The lowest version a reader may still ask for changes after (SQL Server:
-- CHANGE_TRACKING_MIN_VALID_VERSION); raised by the retention cleanup when it deletes change rows.
CREATE TABLE ct_min_valid (
    id INT    NOT NULL,
    v  BIGINT NOT NULL,
    CONSTRAINT pk_ct_min_valid PRIMARY KEY (id),
    CONSTRAINT ck_ct_min_valid_one_row CHECK (id = 1)
);
INSERT INTO ct_min_valid (id, v) VALUES (1, 0);

-- One row per changed task primary key, holding its latest change, as SQL Server's internal change
-- table does: readers compute the net change after their version from it.
--   version           the version of the latest change (SYS_CHANGE_VERSION)
--   creation_version  the version of the insert, NULL when inserted before tracking or unknown
--                     (SYS_CHANGE_CREATION_VERSION); newer than the reader's version => "inserted"
--   operation         the latest operation: I, U or D
--   completed_version the latest version whose update changed completed (SYS_CHANGE_COLUMNS)
--   changed_at        when the latest change was made, for the retention cleanup
CREATE TABLE ct_task (
    list_id           BIGINT                   NOT NULL,
    task_id           BIGINT                   NOT NULL,
    version           BIGINT                   NOT NULL,
    creation_version  BIGINT,
    operation         CHAR(1)                  NOT NULL,
    completed_version BIGINT,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ct_task PRIMARY KEY (list_id, task_id),
    CONSTRAINT ck_ct_task_operation CHECK (operation IN ('I', 'U', 'D'))
);
CREATE INDEX ix_ct_task_version ON ct_task (version);

-- The trigger class is Java (H2 cannot compile source triggers inside Liberty); the application
-- registers where to load it from before it migrates (see H2TriggerClasses).
CREATE TRIGGER task_change_tracking AFTER INSERT, UPDATE, DELETE ON task
    FOR EACH ROW CALL 'io.livetasks.dialect.h2.H2ChangeTrigger';
