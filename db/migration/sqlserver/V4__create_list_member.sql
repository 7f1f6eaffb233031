-- Who may see a list: its members and their roles (used by sign-in and sharing). Same version number as
-- on H2 (H2's version 3 re-pointed its trigger; SQL Server has no version 3).
-- Change-tracked like dbo.task, so that a membership written with plain SQL reaches open streams too.

CREATE TABLE dbo.list_member (
    list_id   BIGINT        NOT NULL,
    user_name NVARCHAR(128) NOT NULL,
    role      VARCHAR(16)   NOT NULL,
    added_at  DATETIME2(3)  NOT NULL CONSTRAINT df_list_member_added_at DEFAULT SYSUTCDATETIME(),
    CONSTRAINT pk_list_member PRIMARY KEY (list_id, user_name),
    CONSTRAINT ck_list_member_role CHECK (role IN ('owner', 'writer', 'reader')),
    CONSTRAINT fk_list_member_list FOREIGN KEY (list_id) REFERENCES dbo.task_list (id) ON DELETE CASCADE
);

-- Only the key and the operation matter to readers (the role is read from the current row).
ALTER TABLE dbo.list_member ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
