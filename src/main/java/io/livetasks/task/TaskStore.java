package io.livetasks.task;

import java.util.List;
import java.util.Optional;

/**
 * Where lists and tasks are kept. Each method is one short transaction; the database's change
 * tracking records every write (implementations live in {@code persistence}). Reads of lists are always
 * a member's reads: a list the user is no member of is not there for them.
 */
public interface TaskStore {

    /** Creates the list with {@code owner} as its owner, in one transaction. */
    TaskList createList(String name, String owner);

    /** The lists {@code user} is a member of, oldest first. */
    List<TaskList> lists(String user);

    /** The list as {@code user} sees it (no tasks); empty when they may not see it or it does not exist. */
    Optional<TaskList> list(long listId, String user);

    /**
     * The list as {@code user} sees it, its tasks (oldest first) and the change version they were read at,
     * from one snapshot; empty when they may not see it or it does not exist.
     */
    Optional<ListSnapshot> snapshot(long listId, String user);

    /** The task, whoever may see it (callers check access to its list). */
    Optional<Task> task(long taskId);

    /** @throws ListNotFoundException when the list does not exist */
    Task addTask(long listId, String title);

    /** Changes the given fields ({@code null} = keep); empty when the task does not exist. */
    Optional<Task> updateTask(long taskId, String title, Boolean completed);

    /** @return false when the task did not exist */
    boolean deleteTask(long taskId);
}
