-- Each running server instance's last sign of life (docs/presence.md): upserted every
-- livetasks.presence.heartbeat.seconds; an instance whose heartbeat is older than three of those is taken
-- for gone, and its dbo.list_presence rows (V13) are deleted by whichever instance notices first. Not
-- change-tracked: heartbeats are frequent and nobody is pushed anything about them.

CREATE TABLE dbo.instance_heartbeat (
    instance_id  NVARCHAR(64) NOT NULL,
    heartbeat_at DATETIME2(3) NOT NULL,
    CONSTRAINT pk_instance_heartbeat PRIMARY KEY (instance_id)
);
