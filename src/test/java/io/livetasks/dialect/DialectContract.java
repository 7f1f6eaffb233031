package io.livetasks.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.VersionTooOldException;
import io.livetasks.task.ListNotFoundException;
import io.livetasks.task.ListSnapshot;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every dialect must do, written once and run against each real database engine (H2 in
 * {@code H2DialectTest}, SQL Server in {@code SqlServerDialectTest}). Tests do not depend on each other
 * or on a fresh database: each creates its own lists and reads changes from a version it took itself.
 */
public abstract class DialectContract {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private TaskStore store;
    private ChangeSource<TaskChange> source;

    /** A migrated database. */
    protected abstract DataSource dataSource();

    /** The dialect under test, started. */
    protected abstract Dialect dialect();

    /**
     * Makes the database forget the changes up to at least {@code version}, as its retention cleanup
     * eventually does, so that the min valid version rises above older versions.
     */
    protected abstract void forgetChangesThrough(long version) throws SQLException;

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    protected final TaskStore store() {
        if (store == null) {
            store = dialect().taskStore(dataSource());
        }
        return store;
    }

    protected final ChangeSource<TaskChange> source() {
        if (source == null) {
            source = dialect().changeSource(dataSource());
        }
        return source;
    }

    // --- TaskStore ---

    @Test
    void shouldCreateListsAndListThemOldestFirst() {
        TaskList first = store().createList("Groceries");
        TaskList second = store().createList("Chores");

        assertThat(first.name()).isEqualTo("Groceries");
        assertThat(first.createdAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(store().lists()).containsSubsequence(first, second);
    }

    @Test
    void shouldAddTaskNotCompletedWithUtcTimestamps() {
        TaskList list = store().createList("list");

        Task task = store().addTask(list.id(), "Buy milk");

        assertThat(task.listId()).isEqualTo(list.id());
        assertThat(task.title()).isEqualTo("Buy milk");
        assertThat(task.completed()).isFalse();
        assertThat(task.createdAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(task.updatedAt()).isEqualTo(task.createdAt());
    }

    @Test
    void shouldRenameTaskAndKeepCompleted() {
        Task task = store().addTask(store().createList("list").id(), "draft");
        store().updateTask(task.id(), null, true);

        Task renamed = store().updateTask(task.id(), "final", null).orElseThrow();

        assertThat(renamed.title()).isEqualTo("final");
        assertThat(renamed.completed()).isTrue();
        assertThat(renamed.updatedAt()).isAfterOrEqualTo(task.updatedAt());
    }

    @Test
    void shouldToggleCompletedBothWays() {
        Task task = store().addTask(store().createList("list").id(), "task");

        assertThat(store().updateTask(task.id(), null, true)).get().extracting(Task::completed).isEqualTo(true);
        assertThat(store().updateTask(task.id(), null, false)).get().extracting(Task::completed).isEqualTo(false);
        assertThat(store().updateTask(task.id(), null, false).orElseThrow().title()).isEqualTo("task");
    }

    @Test
    void shouldUpdateTitleAndCompletedTogether() {
        Task task = store().addTask(store().createList("list").id(), "task");

        Task updated = store().updateTask(task.id(), "done task", true).orElseThrow();

        assertThat(updated).extracting(Task::title, Task::completed).containsExactly("done task", true);
        assertThat(store().snapshot(task.listId()).orElseThrow().tasks()).containsExactly(updated);
    }

    @Test
    void shouldReturnTaskUnchangedWhenGivenNothingToChange() {
        Task task = store().addTask(store().createList("list").id(), "task");

        assertThat(store().updateTask(task.id(), null, null)).contains(task);
    }

    @Test
    void shouldDeleteTaskOnce() {
        Task task = store().addTask(store().createList("list").id(), "task");

        assertThat(store().deleteTask(task.id())).isTrue();
        assertThat(store().deleteTask(task.id())).isFalse();
        assertThat(store().snapshot(task.listId()).orElseThrow().tasks()).isEmpty();
    }

    @Test
    void shouldRejectTaskForUnknownList() {
        assertThatThrownBy(() -> store().addTask(987_654_321L, "task")).isInstanceOf(ListNotFoundException.class);
    }

    @Test
    void shouldAnswerEmptyForUnknownIds() {
        assertThat(store().snapshot(987_654_321L)).isEmpty();
        assertThat(store().updateTask(987_654_321L, "title", true)).isEmpty();
        assertThat(store().updateTask(987_654_321L, null, null)).isEmpty();
        assertThat(store().deleteTask(987_654_321L)).isFalse();
    }

    @Test
    void shouldReadSnapshotOldestFirstAtTheCurrentVersion() throws SQLException {
        TaskList list = store().createList("list");
        Task first = store().addTask(list.id(), "first");
        Task second = store().addTask(list.id(), "second");

        ListSnapshot snapshot = store().snapshot(list.id()).orElseThrow();

        assertThat(snapshot.list()).isEqualTo(list);
        assertThat(snapshot.tasks()).containsExactly(first, second);
        assertThat(snapshot.version()).isEqualTo(source().currentVersion());
        assertThat(changesOf(list, source().changesSince(snapshot.version()))).isEmpty();
        Task third = store().addTask(list.id(), "third");
        assertThat(changesOf(list, source().changesSince(snapshot.version())))
                .extracting(change -> change.payload().task()).containsExactly(third);
    }

    // --- ChangeSource ---

    @Test
    void shouldReportEveryApiWriteWithItsActionAndState() throws SQLException {
        TaskList list = store().createList("list");
        Reader reader = new Reader(list);

        Task added = store().addTask(list.id(), "task");
        assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.ADDED, list.id(), added.id(), added));
        Task renamed = store().updateTask(added.id(), "renamed", null).orElseThrow();
        assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.UPDATED, list.id(), added.id(), renamed));
        Task done = store().updateTask(added.id(), null, true).orElseThrow();
        assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.COMPLETED, list.id(), added.id(), done));
        Task undone = store().updateTask(added.id(), null, false).orElseThrow();
        assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.COMPLETED, list.id(), added.id(), undone));
        store().deleteTask(added.id());
        assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.DELETED, list.id(), added.id(), null));
    }

    @Test
    void shouldCaptureWritesMadeWithPlainSqlOnAnotherConnection() throws SQLException {
        TaskList list = store().createList("list");
        Reader reader = new Reader(list);
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.insertTask(connection, list.id(), "from a shell");
            Task inserted = store().snapshot(list.id()).orElseThrow().tasks().get(0);
            assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.ADDED, list.id(), inserted.id(), inserted));

            PlainSql.execute(connection, "UPDATE task SET title = ? WHERE id = ?", "edited", inserted.id());
            assertThat(reader.next()).extracting(TaskChange::action, change -> change.task().title())
                    .containsExactly(tuple(TaskChange.UPDATED, "edited"));

            PlainSql.execute(connection, "UPDATE task SET completed = ? WHERE id = ?", true, inserted.id());
            assertThat(reader.next()).extracting(TaskChange::action, change -> change.task().completed())
                    .containsExactly(tuple(TaskChange.COMPLETED, true));

            PlainSql.execute(connection, "DELETE FROM task WHERE id = ?", inserted.id());
            assertThat(reader.next()).containsExactly(new TaskChange(TaskChange.DELETED, list.id(), inserted.id(), null));
        }
    }

    @Test
    void shouldGiveAllRowsOfOneTransactionOneVersionInOneBatch() throws SQLException {
        TaskList list = store().createList("list");
        Task kept = store().addTask(list.id(), "kept");
        Task removed = store().addTask(list.id(), "removed");
        long before = source().currentVersion();
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            PlainSql.insertTask(connection, list.id(), "new 1");
            PlainSql.insertTask(connection, list.id(), "new 2");
            PlainSql.execute(connection, "UPDATE task SET title = ? WHERE id = ?", "kept, renamed", kept.id());
            PlainSql.execute(connection, "DELETE FROM task WHERE id = ?", removed.id());
            connection.commit();
        }

        List<Change<TaskChange>> changes = changesOf(list, source().changesSince(before));

        assertThat(changes).hasSize(4);
        assertThat(changes).extracting(Change::version).containsOnly(changes.get(0).version());
        assertThat(changes).extracting(change -> change.payload().action()).containsExactlyInAnyOrder(
                TaskChange.ADDED, TaskChange.ADDED, TaskChange.UPDATED, TaskChange.DELETED);
    }

    @Test
    void shouldDeliverConcurrentTransactionsExactlyOnceInCommitOrder() throws Exception {
        TaskList list = store().createList("list");
        long before = source().currentVersion();
        ChangeBatch<TaskChange> whileOpen;
        boolean secondCommittedFirst;
        Future<?> second;
        try (Connection first = dataSource().getConnection()) {
            first.setAutoCommit(false);
            PlainSql.insertTask(first, list.id(), "first a");
            PlainSql.insertTask(first, list.id(), "first b");
            second = executor.submit(() -> {
                try (Connection connection = dataSource().getConnection()) {
                    PlainSql.insertTask(connection, list.id(), "second");
                }
                return null;
            });
            // SQL Server lets the second commit now; H2 makes it wait for the first's version lock.
            secondCommittedFirst = finishesWithin(second, 1_000);
            whileOpen = source().changesSince(before);
            first.commit();
        }
        second.get(20, TimeUnit.SECONDS);
        ChangeBatch<TaskChange> afterCommit = source().changesSince(whileOpen.toVersion());

        List<Change<TaskChange>> all = new ArrayList<>(changesOf(list, whileOpen));
        all.addAll(changesOf(list, afterCommit));
        assertThat(all).extracting(change -> change.payload().task().title())
                .containsExactlyInAnyOrder("first a", "first b", "second");
        assertThat(all).extracting(Change::version).isSorted();
        long firstVersion = versionOf(all, "first a");
        assertThat(versionOf(all, "first b")).isEqualTo(firstVersion);
        if (secondCommittedFirst) {
            assertThat(versionOf(all, "second")).isLessThan(firstVersion);
        } else {
            assertThat(versionOf(all, "second")).isGreaterThan(firstVersion);
        }
    }

    @Test
    void shouldCoalesceSeveralUpdatesIntoTheLatestState() throws SQLException {
        TaskList list = store().createList("list");
        long beforeAdd = source().currentVersion();
        Task task = store().addTask(list.id(), "v1");
        long afterAdd = source().currentVersion();
        store().updateTask(task.id(), "v2", null);
        Task latest = store().updateTask(task.id(), "v3", null).orElseThrow();

        assertThat(changesOf(list, source().changesSince(afterAdd))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.UPDATED, list.id(), task.id(), latest));
        assertThat(changesOf(list, source().changesSince(beforeAdd))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.ADDED, list.id(), task.id(), latest));
    }

    @Test
    void shouldReportCompletedWhenAnyUpdateSinceTheVersionChangedIt() throws SQLException {
        Task task = store().addTask(store().createList("list").id(), "task");
        long before = source().currentVersion();
        store().updateTask(task.id(), null, true);
        Task latest = store().updateTask(task.id(), "renamed", null).orElseThrow();

        assertThat(changesOf(task.listId(), source().changesSince(before))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.COMPLETED, task.listId(), task.id(), latest));
    }

    @Test
    void shouldReportTaskAddedThenDeletedAsDeleted() throws SQLException {
        TaskList list = store().createList("list");
        long before = source().currentVersion();
        Task task = store().addTask(list.id(), "short-lived");
        store().deleteTask(task.id());

        assertThat(changesOf(list, source().changesSince(before))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.DELETED, list.id(), task.id(), null));
    }

    @Test
    void shouldReportTasksDeletedWithTheirListWithTheListId() throws SQLException {
        TaskList list = store().createList("list");
        Task one = store().addTask(list.id(), "one");
        Task two = store().addTask(list.id(), "two");
        long before = source().currentVersion();
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "DELETE FROM task_list WHERE id = ?", list.id());
        }

        assertThat(changesOf(list, source().changesSince(before))).extracting(Change::payload).containsExactlyInAnyOrder(
                new TaskChange(TaskChange.DELETED, list.id(), one.id(), null),
                new TaskChange(TaskChange.DELETED, list.id(), two.id(), null));
    }

    @Test
    void shouldAnswerUpToTheCurrentVersionWhenNothingChanged() throws SQLException {
        TaskList list = store().createList("list");
        long current = source().currentVersion();

        ChangeBatch<TaskChange> batch = source().changesSince(current);

        assertThat(batch.afterVersion()).isEqualTo(current);
        assertThat(batch.toVersion()).isGreaterThanOrEqualTo(current);
        assertThat(changesOf(list, batch)).isEmpty();
    }

    @Test
    void shouldAdvanceTheCurrentVersionWithEachWrite() throws SQLException {
        long before = source().currentVersion();
        store().addTask(store().createList("list").id(), "task");

        long after = source().currentVersion();

        assertThat(after).isGreaterThan(before);
        assertThat(source().changesSince(before).toVersion()).isGreaterThanOrEqualTo(after);
    }

    @Test
    void shouldRejectVersionAheadOfTheDatabase() throws SQLException {
        long ahead = source().currentVersion() + 1_000_000;

        assertThatThrownBy(() -> source().changesSince(ahead)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectVersionBelowTheMinValidVersionAfterCleanup() throws SQLException {
        TaskList list = store().createList("list");
        long old = source().currentVersion();
        Task task = store().addTask(list.id(), "task");
        store().updateTask(task.id(), "renamed", null);

        forgetChangesThrough(source().currentVersion());

        long minValid = source().minValidVersion();
        assertThat(minValid).isGreaterThan(old);
        assertThatThrownBy(() -> source().changesSince(old))
                .isInstanceOfSatisfying(VersionTooOldException.class, e -> {
                    assertThat(e.requestedVersion()).isEqualTo(old);
                    assertThat(e.minValidVersion()).isEqualTo(minValid);
                });
        assertThat(source().changesSince(minValid).afterVersion()).isEqualTo(minValid);
    }

    @Test
    void shouldKeepSnapshotConsistentUnderConcurrentWrites() throws Exception {
        TaskList list = store().createList("list");
        long before = source().currentVersion();
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<?> writer = executor.submit(() -> {
            try {
                for (int i = 0; i < 150; i++) {
                    store().addTask(list.id(), "task " + i);
                }
            } finally {
                writing.set(false);
            }
            return null;
        });
        List<ListSnapshot> snapshots = new ArrayList<>();
        while (writing.get()) {
            snapshots.add(store().snapshot(list.id()).orElseThrow());
        }
        writer.get(60, TimeUnit.SECONDS);

        List<Change<TaskChange>> added = changesOf(list, source().changesSince(before));
        assertThat(added).hasSize(150);
        for (ListSnapshot snapshot : snapshots) {
            List<Long> expected = added.stream().filter(change -> change.version() <= snapshot.version())
                    .map(change -> change.payload().taskId()).toList();
            assertThat(snapshot.tasks()).as("tasks of the snapshot at version %d", snapshot.version())
                    .extracting(Task::id).containsExactlyElementsOf(expected);
        }
    }

    // --- helpers ---

    /** Reads changes of one list from where the previous read ended. */
    private final class Reader {
        private final TaskList list;
        private long version;

        Reader(TaskList list) throws SQLException {
            this.list = list;
            this.version = source().currentVersion();
        }

        List<TaskChange> next() throws SQLException {
            ChangeBatch<TaskChange> batch = source().changesSince(version);
            version = batch.toVersion();
            return changesOf(list, batch).stream().map(Change::payload).toList();
        }
    }

    protected static List<Change<TaskChange>> changesOf(TaskList list, ChangeBatch<TaskChange> batch) {
        return changesOf(list.id(), batch);
    }

    protected static List<Change<TaskChange>> changesOf(long listId, ChangeBatch<TaskChange> batch) {
        return batch.changes().stream().filter(change -> change.payload().listId() == listId).toList();
    }

    private static long versionOf(List<Change<TaskChange>> changes, String title) {
        return changes.stream().filter(change -> change.payload().task().title().equals(title))
                .findFirst().orElseThrow().version();
    }

    private static boolean finishesWithin(Future<?> future, long millis) throws Exception {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
