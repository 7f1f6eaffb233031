-- Each running server instance's last sign of life (docs/presence.md): upserted every
-- livetasks.presence.heartbeat.seconds; an instance whose heartbeat is older than three of those is taken
-- for gone, and its list_presence rows (V13) are deleted by whichever instance notices first. Not
-- change-tracked: heartbeats are frequent and nobody is pushed anything about them.

CREATE TABLE instance_heartbeat (
    instance_id  VARCHAR(64)              NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_instance_heartbeat PRIMARY KEY (instance_id)
);
