package io.livetasks.task;

import java.util.List;
import java.util.Optional;

/**
 * Where lists and tasks are kept. Each method is one short transaction; the database's change
 * tracking records every write (implementations live in {@code dialect/<name>}).
 */
public interface TaskStore {

    TaskList createList(String name);

    /** All lists, oldest first. */
    List<TaskList> lists();

    /** The list alone (no tasks): a cheap existence check before subscribing to its changes. */
    Optional<TaskList> list(long listId);

    /** The list, its tasks (oldest first) and the change version they were read at, from one snapshot. */
    Optional<ListSnapshot> snapshot(long listId);

    /** @throws ListNotFoundException when the list does not exist */
    Task addTask(long listId, String title);

    /** Changes the given fields ({@code null} = keep); empty when the task does not exist. */
    Optional<Task> updateTask(long taskId, String title, Boolean completed);

    /** @return false when the task did not exist */
    boolean deleteTask(long taskId);
}
