package io.livetasks.persistence;

import io.livetasks.changefeed.Version;
import io.livetasks.task.DataAccessException;
import static io.livetasks.persistence.ChangeReader.changesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.livetasks.task.ListNotFoundException;
import io.livetasks.task.ListSnapshot;
import io.livetasks.task.Task;
import io.livetasks.task.TaskList;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Part of {@link DialectContract}: the {@link io.livetasks.task.TaskStore} over a real database. */
interface TaskStoreContract extends DialectFixture {

    @Test
    default void shouldCreateListsAndListThemOldestFirst() {
        TaskList first = store().createList("Groceries", OWNER);
        TaskList second = store().createList("Chores", OWNER);

        assertThat(first.name()).isEqualTo("Groceries");
        assertThat(first.createdAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(store().lists(OWNER)).containsSubsequence(first, second);
    }

    @Test
    default void shouldFindAListByIdWithoutItsTasks() {
        TaskList list = store().createList("Lookup", OWNER);

        assertThat(store().list(list.id(), OWNER)).contains(list);
        assertThat(store().list(Long.MAX_VALUE, OWNER)).isEmpty();
    }

    @Test
    default void shouldAddTaskNotCompletedWithUtcTimestamps() {
        TaskList list = store().createList("list", OWNER);

        Task task = store().addTask(list.id(), "Buy milk");

        assertThat(task.listId()).isEqualTo(list.id());
        assertThat(task.title()).isEqualTo("Buy milk");
        assertThat(task.completed()).isFalse();
        assertThat(task.createdAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(task.updatedAt()).isEqualTo(task.createdAt());
    }

    @Test
    default void shouldRenameTaskAndKeepCompleted() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "draft");
        store().updateTask(task.id(), null, true);

        Task renamed = store().updateTask(task.id(), "final", null).orElseThrow();

        assertThat(renamed.title()).isEqualTo("final");
        assertThat(renamed.completed()).isTrue();
        assertThat(renamed.updatedAt()).isAfterOrEqualTo(task.updatedAt());
    }

    @Test
    default void shouldToggleCompletedBothWays() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");

        assertThat(store().updateTask(task.id(), null, true)).get().extracting(Task::completed).isEqualTo(true);
        assertThat(store().updateTask(task.id(), null, false)).get().extracting(Task::completed).isEqualTo(false);
        assertThat(store().updateTask(task.id(), null, false).orElseThrow().title()).isEqualTo("task");
    }

    @Test
    default void shouldUpdateTitleAndCompletedTogether() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");

        Task updated = store().updateTask(task.id(), "done task", true).orElseThrow();

        assertThat(updated).extracting(Task::title, Task::completed).containsExactly("done task", true);
        assertThat(store().snapshot(task.listId(), OWNER).orElseThrow().tasks()).containsExactly(updated);
    }

    @Test
    default void shouldReturnTaskUnchangedWhenGivenNothingToChange() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");

        assertThat(store().updateTask(task.id(), null, null)).contains(task);
    }

    @Test
    default void shouldDeleteTaskOnce() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");

        assertThat(store().deleteTask(task.id())).isTrue();
        assertThat(store().deleteTask(task.id())).isFalse();
        assertThat(store().snapshot(task.listId(), OWNER).orElseThrow().tasks()).isEmpty();
    }

    @Test
    default void shouldStoreTitlesUpToTheMaximumLengthAndNeverTruncate() {
        long listId = store().createList("list", OWNER).id();
        String longest = "x".repeat(Task.MAX_TITLE_LENGTH);
        Task task = store().addTask(listId, longest);

        assertThat(task.title()).isEqualTo(longest);
        assertThatThrownBy(() -> store().addTask(listId, longest + "y")).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> store().updateTask(task.id(), longest + "y", null))
                .isInstanceOf(DataAccessException.class);
        assertThat(store().snapshot(listId, OWNER).orElseThrow().tasks()).containsExactly(task);
    }

    @Test
    default void shouldRejectTaskForUnknownList() {
        assertThatThrownBy(() -> store().addTask(987_654_321L, "task")).isInstanceOf(ListNotFoundException.class);
    }

    @Test
    default void shouldAnswerEmptyForUnknownIds() {
        assertThat(store().snapshot(987_654_321L, OWNER)).isEmpty();
        assertThat(store().updateTask(987_654_321L, "title", true)).isEmpty();
        assertThat(store().updateTask(987_654_321L, null, null)).isEmpty();
        assertThat(store().deleteTask(987_654_321L)).isFalse();
    }

    @Test
    default void shouldReadSnapshotOldestFirstAtTheCurrentVersion() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Task first = store().addTask(list.id(), "first");
        Task second = store().addTask(list.id(), "second");

        ListSnapshot snapshot = store().snapshot(list.id(), OWNER).orElseThrow();

        assertThat(snapshot.list()).isEqualTo(list);
        assertThat(snapshot.tasks()).containsExactly(first, second);
        assertThat(snapshot.version()).isEqualTo(source().currentVersion().value());
        assertThat(changesOf(list, source().changesSince(Version.of(snapshot.version())))).isEmpty();
        Task third = store().addTask(list.id(), "third");
        assertThat(changesOf(list, source().changesSince(Version.of(snapshot.version()))))
                .extracting(change -> change.payload().task()).containsExactly(third);
    }
}
