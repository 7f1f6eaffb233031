package io.livetasks.dialect.h2;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.dialect.Dialect;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;
import javax.sql.DataSource;

/** The embedded default database. */
public class H2Dialect implements Dialect {

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean supports(String databaseProductName) {
        return "H2".equalsIgnoreCase(databaseProductName);
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
