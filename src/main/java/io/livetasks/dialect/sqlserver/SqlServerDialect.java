package io.livetasks.dialect.sqlserver;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.dialect.Dialect;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;
import javax.sql.DataSource;

/** SQL Server and Azure SQL. */
public class SqlServerDialect implements Dialect {

    @Override
    public String name() {
        return "sqlserver";
    }

    @Override
    public boolean supports(String databaseProductName) {
        return "Microsoft SQL Server".equalsIgnoreCase(databaseProductName);
    }

    @Override
    public TaskStore taskStore(DataSource dataSource) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ChangeSource<TaskChange> changeSource(DataSource dataSource) {
        throw new UnsupportedOperationException("not yet");
    }
}
