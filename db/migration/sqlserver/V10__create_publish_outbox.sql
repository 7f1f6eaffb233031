-- The publish API's outbox (docs/publish-api.md): every send, group change and close a backend asks for is
-- one row here, so that each instance on this database applies it to the connections it holds. Rows are
-- only inserted (by the application) and deleted (by its cleanup, after livetasks.publish.outbox.retention);
-- instances find new rows with CHANGETABLE(CHANGES ...), like task and list_member changes, in commit order.
-- Version 10 on both dialects (the numbers in between are left to other work).

CREATE TABLE dbo.publish_outbox (
    id         BIGINT IDENTITY(1, 1) NOT NULL,
    hub        NVARCHAR(128)  NOT NULL,
    action     VARCHAR(32)    NOT NULL,
    group_name NVARCHAR(1024) NULL,
    recipient  NVARCHAR(1024) NULL,
    message    NVARCHAR(MAX)  NULL,
    created_at DATETIME2(3)   NOT NULL CONSTRAINT df_publish_outbox_created_at DEFAULT SYSUTCDATETIME(),
    CONSTRAINT pk_publish_outbox PRIMARY KEY (id)
);
CREATE INDEX ix_publish_outbox_created_at ON dbo.publish_outbox (created_at);

-- Only the key and the operation matter to readers (the row is read by key).
ALTER TABLE dbo.publish_outbox ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
