-- Who is viewing a list right now (docs/presence.md): one row per list, user and server instance that holds
-- at least one open stream of the list for the user. An instance inserts the row when the first of its streams
-- for (list, user) subscribes and deletes it when the last one closes; rows of an instance that stopped
-- heart-beating (instance_heartbeat, V14) are deleted by any other instance. Change-tracked like list_member,
-- so that every instance learns of viewers coming and going through its change feed, without a broker.
-- Versions 13 and 14 on both dialects (the numbers in between are left to other work).

CREATE TABLE list_presence (
    list_id     BIGINT       NOT NULL,
    user_name   VARCHAR(128) NOT NULL,
    instance_id VARCHAR(64)  NOT NULL,
    since       TIMESTAMP(3) NOT NULL,
    CONSTRAINT pk_list_presence PRIMARY KEY (list_id, user_name, instance_id),
    CONSTRAINT fk_list_presence_list FOREIGN KEY (list_id) REFERENCES task_list (id) ON DELETE CASCADE
);
CREATE INDEX ix_list_presence_instance ON list_presence (instance_id);

-- The emulation's change rows for list_presence (see ct_list_member in V4), written by the generic key trigger.
CREATE TABLE ct_list_presence (
    list_id          BIGINT                   NOT NULL,
    user_name        VARCHAR(128)             NOT NULL,
    instance_id      VARCHAR(64)              NOT NULL,
    version          BIGINT                   NOT NULL,
    creation_version BIGINT,
    operation        CHAR(1)                  NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ct_list_presence PRIMARY KEY (list_id, user_name, instance_id),
    CONSTRAINT ck_ct_list_presence_operation CHECK (operation IN ('I', 'U', 'D'))
);
CREATE INDEX ix_ct_list_presence_version ON ct_list_presence (version);

CREATE TRIGGER list_presence_change_tracking AFTER INSERT, UPDATE, DELETE ON list_presence
    FOR EACH ROW CALL 'io.livetasks.persistence.h2.H2KeyChangeTrigger';
