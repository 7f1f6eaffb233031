package io.livetasks.persistence;

import io.livetasks.task.ListChange;
import io.livetasks.changefeed.Version;
import static io.livetasks.persistence.ChangeReader.changesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.task.ListSnapshot;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link DialectContract}: transactions and concurrency: one version per transaction, versions in
 * commit order, and list snapshots that match their version while writers run.
 */
interface ConcurrencyContract extends DialectFixture {

    @Test
    default void shouldGiveAllRowsOfOneTransactionOneVersionInOneBatch() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Task kept = store().addTask(list.id(), "kept");
        Task removed = store().addTask(list.id(), "removed");
        Version before = source().currentVersion();
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
    default void shouldDeliverConcurrentTransactionsExactlyOnceInCommitOrder() throws Exception {
        TaskList list = store().createList("list", OWNER);
        Version before = source().currentVersion();
        ChangeBatch<ListChange> whileOpen;
        boolean secondCommittedFirst;
        Future<?> second;
        try (Connection first = dataSource().getConnection()) {
            first.setAutoCommit(false);
            PlainSql.insertTask(first, list.id(), "first a");
            PlainSql.insertTask(first, list.id(), "first b");
            second = executor().submit(() -> {
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
        ChangeBatch<ListChange> afterCommit = source().changesSince(whileOpen.toVersion());

        List<Change<TaskChange>> all = new ArrayList<>(changesOf(list, whileOpen));
        all.addAll(changesOf(list, afterCommit));
        assertThat(all).extracting(change -> change.payload().task().title())
                .containsExactlyInAnyOrder("first a", "first b", "second");
        assertThat(all).extracting(Change::version).isSorted();
        Version firstVersion = versionOf(all, "first a");
        assertThat(versionOf(all, "first b")).isEqualTo(firstVersion);
        if (secondCommittedFirst) {
            assertThat(versionOf(all, "second")).isLessThan(firstVersion);
        } else {
            assertThat(versionOf(all, "second")).isGreaterThan(firstVersion);
        }
    }

    @Test
    default void shouldKeepSnapshotConsistentUnderConcurrentWrites() throws Exception {
        TaskList list = store().createList("list", OWNER);
        Version before = source().currentVersion();
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<?> writer = executor().submit(() -> {
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
            snapshots.add(store().snapshot(list.id(), OWNER).orElseThrow());
        }
        writer.get(60, TimeUnit.SECONDS);

        List<Change<TaskChange>> added = changesOf(list, source().changesSince(before));
        assertThat(added).hasSize(150);
        for (ListSnapshot snapshot : snapshots) {
            List<Long> expected = added.stream().filter(change -> change.version().value() <= snapshot.version())
                    .map(change -> change.payload().taskId()).toList();
            assertThat(snapshot.tasks()).as("tasks of the snapshot at version %d", snapshot.version())
                    .extracting(Task::id).containsExactlyElementsOf(expected);
        }
    }

    private static Version versionOf(List<Change<TaskChange>> changes, String title) {
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
