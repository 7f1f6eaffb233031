-- livetasks schema, SQL Server / Azure SQL.
--
-- task's primary key is (list_id, id) on purpose: for a deleted row CHANGETABLE(CHANGES ...) returns
-- only the primary key columns, and the application must know which list a deleted task belonged to.
-- id alone stays unique (uq_task_id) so that the API can address a task by its id.
-- Timestamps are UTC (SYSUTCDATETIME), millisecond precision.

CREATE TABLE dbo.task_list (
    id         BIGINT IDENTITY(1, 1) NOT NULL,
    name       NVARCHAR(200)         NOT NULL,
    created_at DATETIME2(3)          NOT NULL CONSTRAINT df_task_list_created_at DEFAULT SYSUTCDATETIME(),
    CONSTRAINT pk_task_list PRIMARY KEY (id)
);

CREATE TABLE dbo.task (
    list_id    BIGINT                NOT NULL,
    id         BIGINT IDENTITY(1, 1) NOT NULL,
    title      NVARCHAR(500)         NOT NULL,
    completed  BIT                   NOT NULL CONSTRAINT df_task_completed DEFAULT 0,
    created_at DATETIME2(3)          NOT NULL CONSTRAINT df_task_created_at DEFAULT SYSUTCDATETIME(),
    -- Maintained by the application on every update; plain SQL writers should set it too.
    updated_at DATETIME2(3)          NOT NULL CONSTRAINT df_task_updated_at DEFAULT SYSUTCDATETIME(),
    CONSTRAINT pk_task PRIMARY KEY (list_id, id),
    CONSTRAINT uq_task_id UNIQUE (id),
    -- Deleting a list deletes its tasks; change tracking records those deletes like any other.
    CONSTRAINT fk_task_list FOREIGN KEY (list_id) REFERENCES dbo.task_list (id) ON DELETE CASCADE
);
