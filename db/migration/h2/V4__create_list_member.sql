-- Who may see a list besides nobody: its members and their roles (used by sign-in and sharing).
-- Change-tracked like task, so that a membership written with plain SQL reaches open streams too.
-- (Version 3 on H2 re-pointed the task trigger; SQL Server has no version 3.)

CREATE TABLE list_member (
    list_id   BIGINT       NOT NULL,
    user_name VARCHAR(128) NOT NULL,
    role      VARCHAR(16)  NOT NULL,
    added_at  TIMESTAMP(3) NOT NULL DEFAULT CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3)),
    CONSTRAINT pk_list_member PRIMARY KEY (list_id, user_name),
    CONSTRAINT ck_list_member_role CHECK (role IN ('owner', 'writer', 'reader')),
    CONSTRAINT fk_list_member_list FOREIGN KEY (list_id) REFERENCES task_list (id) ON DELETE CASCADE
);

-- The emulation's change rows for list_member: one per changed primary key, its latest change (see ct_task
-- in V2). Written by the generic key trigger, which finds the key columns by itself.
CREATE TABLE ct_list_member (
    list_id          BIGINT                   NOT NULL,
    user_name        VARCHAR(128)             NOT NULL,
    version          BIGINT                   NOT NULL,
    creation_version BIGINT,
    operation        CHAR(1)                  NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ct_list_member PRIMARY KEY (list_id, user_name),
    CONSTRAINT ck_ct_list_member_operation CHECK (operation IN ('I', 'U', 'D'))
);
CREATE INDEX ix_ct_list_member_version ON ct_list_member (version);

CREATE TRIGGER list_member_change_tracking AFTER INSERT, UPDATE, DELETE ON list_member
    FOR EACH ROW CALL 'io.livetasks.persistence.h2.H2KeyChangeTrigger';
