package io.livetasks.task;

import java.util.List;
import java.util.Optional;

/**
 * Where lists and tasks are kept. Each method is one short transaction; the database's change
 * tracking records every write (implementations live in {@code persistence}). Reads of lists are always
 * a member's reads: a list the user is no member of is not there for them.
 *
 * <p>Writes come in two forms: the plain ones, and the ones the API uses, which return the change version of
 * their commit ({@link Written}), record an idempotency key with their answer in the same transaction
 * ({@link Recording}), and, for tasks, write only when the row version matches ({@link Precondition}, checked
 * in the same statement as the write). A write that fails rolls back its key too.
 */
public interface TaskStore {

    /** Creates the list with {@code owner} as its owner, in one transaction. */
    default TaskList createList(String name, String owner) {
        return createList(name, owner, Recording.none()).value();
    }

    /**
     * Creates the list with {@code owner} as its owner, and records the key, in one transaction.
     *
     * @throws IdempotencyKeyInUseException when the key is taken (by a committed or an in-flight request)
     */
    Written<TaskList> createList(String name, String owner, Recording<TaskList> recording);

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
    default Task addTask(long listId, String title) {
        return addTask(listId, title, Recording.none()).value();
    }

    /**
     * @throws ListNotFoundException        when the list does not exist
     * @throws IdempotencyKeyInUseException when the key is taken
     */
    Written<Task> addTask(long listId, String title, Recording<Task> recording);

    /** Changes the given fields ({@code null} = keep); empty when the task does not exist. */
    default Optional<Task> updateTask(long taskId, String title, Boolean completed) {
        if (title == null && completed == null) {
            return task(taskId);
        }
        try {
            return Optional.of(updateTask(taskId, title, completed, Precondition.NONE, Recording.none()).value());
        } catch (TaskNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Changes the given fields ({@code null} = keep; not both) if the task's row version meets
     * {@code precondition}, checked by the update statement itself.
     *
     * @throws TaskNotFoundException        when the task does not exist
     * @throws PreconditionFailedException  when its row version does not meet the precondition
     * @throws IdempotencyKeyInUseException when the key is taken
     */
    Written<Task> updateTask(long taskId, String title, Boolean completed, Precondition precondition,
                             Recording<Task> recording);

    /** @return false when the task did not exist */
    default boolean deleteTask(long taskId) {
        try {
            deleteTask(taskId, Precondition.NONE, Recording.none());
            return true;
        } catch (TaskNotFoundException e) {
            return false;
        }
    }

    /**
     * Deletes the task if its row version meets {@code precondition}, checked by the delete statement itself.
     *
     * @return the task's id and the change version of the delete
     * @throws TaskNotFoundException        when the task does not exist
     * @throws PreconditionFailedException  when its row version does not meet the precondition
     * @throws IdempotencyKeyInUseException when the key is taken
     */
    Written<Long> deleteTask(long taskId, Precondition precondition, Recording<Long> recording);
}
