package io.livetasks.persistence;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import java.sql.SQLException;
import java.util.List;

/** Reads one list's changes the way the poller does: each read starts where the previous one ended. */
final class ChangeReader {

    private final ChangeSource<TaskChange> source;
    private final long listId;
    private long version;

    ChangeReader(ChangeSource<TaskChange> source, TaskList list) throws SQLException {
        this.source = source;
        this.listId = list.id();
        this.version = source.currentVersion();
    }

    List<TaskChange> next() throws SQLException {
        ChangeBatch<TaskChange> batch = source.changesSince(version);
        version = batch.toVersion();
        return changesOf(listId, batch).stream().map(Change::payload).toList();
    }

    static List<Change<TaskChange>> changesOf(TaskList list, ChangeBatch<TaskChange> batch) {
        return changesOf(list.id(), batch);
    }

    /** Other tests may share the database (SQL Server), so each looks only at its own lists. */
    static List<Change<TaskChange>> changesOf(long listId, ChangeBatch<TaskChange> batch) {
        return batch.changes().stream().filter(change -> change.payload().listId() == listId).toList();
    }
}
