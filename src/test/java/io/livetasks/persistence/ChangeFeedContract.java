package io.livetasks.persistence;

import io.livetasks.task.ListChange;
import io.livetasks.changefeed.Version;
import static io.livetasks.persistence.ChangeReader.changesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.livetasks.changefeed.VersionAheadException;
import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.VersionTooOldException;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link DialectContract}: every write, by the API or by plain SQL, appears in the change feed with
 * the right action and state, as net changes, within the retention window.
 */
interface ChangeFeedContract extends DialectFixture {

    @Test
    default void shouldReportEveryApiWriteWithItsActionAndState() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        ChangeReader reader = new ChangeReader(source(), list);

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
    default void shouldCaptureWritesMadeWithPlainSqlOnAnotherConnection() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        ChangeReader reader = new ChangeReader(source(), list);
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.insertTask(connection, list.id(), "from a shell");
            Task inserted = store().snapshot(list.id(), OWNER).orElseThrow().tasks().get(0);
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
    default void shouldCoalesceSeveralUpdatesIntoTheLatestState() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Version beforeAdd = source().currentVersion();
        Task task = store().addTask(list.id(), "v1");
        Version afterAdd = source().currentVersion();
        store().updateTask(task.id(), "v2", null);
        Task latest = store().updateTask(task.id(), "v3", null).orElseThrow();

        assertThat(changesOf(list, source().changesSince(afterAdd))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.UPDATED, list.id(), task.id(), latest));
        assertThat(changesOf(list, source().changesSince(beforeAdd))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.ADDED, list.id(), task.id(), latest));
    }

    @Test
    default void shouldReportCompletedWhenAnyUpdateSinceTheVersionChangedIt() throws SQLException {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        Version before = source().currentVersion();
        store().updateTask(task.id(), null, true);
        Task latest = store().updateTask(task.id(), "renamed", null).orElseThrow();

        assertThat(changesOf(task.listId(), source().changesSince(before))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.COMPLETED, task.listId(), task.id(), latest));
    }

    @Test
    default void shouldReportTaskAddedThenDeletedAsDeleted() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Version before = source().currentVersion();
        Task task = store().addTask(list.id(), "short-lived");
        store().deleteTask(task.id());

        assertThat(changesOf(list, source().changesSince(before))).extracting(Change::payload)
                .containsExactly(new TaskChange(TaskChange.DELETED, list.id(), task.id(), null));
    }

    @Test
    default void shouldReportTasksDeletedWithTheirListWithTheListId() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Task one = store().addTask(list.id(), "one");
        Task two = store().addTask(list.id(), "two");
        Version before = source().currentVersion();
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "DELETE FROM task_list WHERE id = ?", list.id());
        }

        assertThat(changesOf(list, source().changesSince(before))).extracting(Change::payload).containsExactlyInAnyOrder(
                new TaskChange(TaskChange.DELETED, list.id(), one.id(), null),
                new TaskChange(TaskChange.DELETED, list.id(), two.id(), null));
    }

    @Test
    default void shouldAnswerUpToTheCurrentVersionWhenNothingChanged() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Version current = source().currentVersion();

        ChangeBatch<ListChange> batch = source().changesSince(current);

        assertThat(batch.afterVersion()).isEqualTo(current);
        assertThat(batch.toVersion()).isGreaterThanOrEqualTo(current);
        assertThat(changesOf(list, batch)).isEmpty();
    }

    @Test
    default void shouldAdvanceTheCurrentVersionWithEachWrite() throws SQLException {
        Version before = source().currentVersion();
        store().addTask(store().createList("list", OWNER).id(), "task");

        Version after = source().currentVersion();

        assertThat(after).isGreaterThan(before);
        assertThat(source().changesSince(before).toVersion()).isGreaterThanOrEqualTo(after);
    }

    @Test
    default void shouldRejectVersionAheadOfTheDatabase() throws SQLException {
        Version ahead = Version.of(source().currentVersion().value() + 1_000_000);

        assertThatThrownBy(() -> source().changesSince(ahead)).isInstanceOf(VersionAheadException.class);
    }

    @Test
    default void shouldRejectVersionBelowTheMinValidVersionAfterCleanup() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Version old = source().currentVersion();
        Task task = store().addTask(list.id(), "task");
        store().updateTask(task.id(), "renamed", null);

        forgetChangesThrough(source().currentVersion());

        Version minValid = source().minValidVersion();
        assertThat(minValid).isGreaterThan(old);
        assertThatThrownBy(() -> source().changesSince(old))
                .isInstanceOfSatisfying(VersionTooOldException.class, e -> {
                    assertThat(e.requestedVersion()).isEqualTo(old);
                    assertThat(e.minValidVersion()).isEqualTo(minValid);
                });
        assertThat(source().changesSince(minValid).afterVersion()).isEqualTo(minValid);
    }
}
