-- Who is viewing a list right now (docs/presence.md): one row per list, user and server instance that holds
-- at least one open stream of the list for the user. An instance inserts the row when the first of its streams
-- for (list, user) subscribes and deletes it when the last one closes; rows of an instance that stopped
-- heart-beating (dbo.instance_heartbeat, V14) are deleted by any other instance. Change-tracked like
-- dbo.list_member, so that every instance learns of viewers coming and going through CHANGETABLE, without a broker.
-- Versions 13 and 14 on both dialects (the numbers in between are left to other work).

CREATE TABLE dbo.list_presence (
    list_id     BIGINT        NOT NULL,
    user_name   NVARCHAR(128) NOT NULL,
    instance_id NVARCHAR(64)  NOT NULL,
    since       DATETIME2(3)  NOT NULL,
    CONSTRAINT pk_list_presence PRIMARY KEY (list_id, user_name, instance_id),
    CONSTRAINT fk_list_presence_list FOREIGN KEY (list_id) REFERENCES dbo.task_list (id) ON DELETE CASCADE
);
CREATE INDEX ix_list_presence_instance ON dbo.list_presence (instance_id);

-- Only the key and the operation matter to readers (the viewers are read from the current rows).
ALTER TABLE dbo.list_presence ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
