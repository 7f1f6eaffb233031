package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.ChangeSql;
import io.livetasks.persistence.JdbcChangeSource;
import javax.sql.DataSource;

/**
 * Task changes from SQL Server's native change tracking, read with {@code CHANGETABLE(CHANGES ...)} in one
 * SNAPSHOT transaction (Microsoft's recipe; see {@link JdbcChangeSource}). Retention and cleanup are SQL
 * Server's own ({@code CHANGE_RETENTION} in {@code V2__enable_change_tracking.sql}).
 */
public class SqlServerChangeSource extends JdbcChangeSource {

    private static final String SELECT_MIN_VALID_VERSION = """
            SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.task'))
            """;

    /** NULL when change tracking is off for the database, which the read reports as an error. */
    private static final String SELECT_CURRENT_VERSION = """
            SELECT CHANGE_TRACKING_CURRENT_VERSION()
            """;

    /**
     * One row per changed key with its net change after the first parameter. SYS_CHANGE_COLUMNS is NULL
     * for an update when every non-key column was set, which includes completed. The version bound keeps
     * the batch to what the current version read in the same snapshot covers.
     */
    private static final String SELECT_CHANGES = """
            SELECT ct.SYS_CHANGE_VERSION AS version,
                   ct.SYS_CHANGE_OPERATION AS operation,
                   CASE WHEN ct.SYS_CHANGE_COLUMNS IS NULL THEN 1
                        ELSE CHANGE_TRACKING_IS_COLUMN_IN_MASK(
                                 COLUMNPROPERTY(OBJECT_ID('dbo.task'), 'completed', 'ColumnId'),
                                 ct.SYS_CHANGE_COLUMNS) END AS completed_changed,
                   ct.list_id, ct.id AS task_id,
                   t.id AS current_id, t.title, t.completed, t.created_at, t.updated_at
              FROM CHANGETABLE(CHANGES dbo.task, ?) AS ct
              LEFT JOIN dbo.task AS t ON t.list_id = ct.list_id AND t.id = ct.id
             WHERE ct.SYS_CHANGE_VERSION <= ?
             ORDER BY ct.SYS_CHANGE_VERSION, ct.id
            """;

    public SqlServerChangeSource(DataSource dataSource) {
        super(dataSource, new ChangeSql(SELECT_MIN_VALID_VERSION, SELECT_CURRENT_VERSION, SELECT_CHANGES),
                SqlServerDialect.SNAPSHOT_ISOLATION);
    }
}
