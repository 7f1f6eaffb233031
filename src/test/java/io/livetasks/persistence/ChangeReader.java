package io.livetasks.persistence;

import io.livetasks.changefeed.Version;
import io.livetasks.task.ListChange;
import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.MemberChange;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import java.sql.SQLException;
import java.util.List;

/** Reads one list's changes the way the poller does: each read starts where the previous one ended. */
public final class ChangeReader {

    private final ChangeSource<ListChange> source;
    private final long listId;
    private Version version;

    ChangeReader(ChangeSource<ListChange> source, TaskList list) throws SQLException {
        this.source = source;
        this.listId = list.id();
        this.version = source.currentVersion();
    }

    List<TaskChange> next() throws SQLException {
        ChangeBatch<ListChange> batch = source.changesSince(version);
        version = batch.toVersion();
        return changesOf(listId, batch).stream().map(Change::payload).toList();
    }

    static List<Change<TaskChange>> changesOf(TaskList list, ChangeBatch<ListChange> batch) {
        return changesOf(list.id(), batch);
    }

    /**
     * The task changes of one list. Other tests may share the database (SQL Server), so each looks only at
     * its own lists.
     */
    public static List<Change<TaskChange>> changesOf(long listId, ChangeBatch<ListChange> batch) {
        return batch.changes().stream()
                .filter(change -> change.payload() instanceof TaskChange task && task.listId() == listId)
                .map(change -> new Change<>(change.version(), (TaskChange) change.payload()))
                .toList();
    }

    /** The membership changes of one list. */
    static List<Change<MemberChange>> memberChangesOf(long listId, ChangeBatch<ListChange> batch) {
        return batch.changes().stream()
                .filter(change -> change.payload() instanceof MemberChange member && member.listId() == listId)
                .map(change -> new Change<>(change.version(), (MemberChange) change.payload()))
                .toList();
    }
}
