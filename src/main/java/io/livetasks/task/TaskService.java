package io.livetasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The task-list use cases, always on behalf of a signed-in user ({@link ListAccess} decides what they may
 * do). Every write commits in the store and then tells {@link TaskEvents}, so this instance's clients see
 * it without waiting for the next poll; clients of other instances see it on their instance's next poll.
 * Events themselves always come from change tracking, whoever wrote. Titles and names are stripped of
 * leading and trailing whitespace.
 *
 * <p>Writes return the change version of their commit ({@link Written}), take an idempotency key to record
 * with their answer ({@link Recording}), and task edits and deletes a {@link Precondition} on the row version.
 */
@ApplicationScoped
public class TaskService {

    private final TaskStore store;
    private final ListAccess access;
    private final TaskEvents events;

    @Inject
    public TaskService(TaskStore store, ListAccess access, TaskEvents events) {
        this.store = store;
        this.access = access;
        this.events = events;
    }

    /** For the CDI proxy only. */
    protected TaskService() {
        this(null, null, null);
    }

    /** A new list, owned by {@code user}. */
    public TaskList createList(String user, String name) {
        return createList(user, name, Recording.none()).value();
    }

    /** A new list, owned by {@code user}, the key recorded with it. */
    public Written<TaskList> createList(String user, String name, Recording<TaskList> recording) {
        Written<TaskList> list = store.createList(name.strip(), user, recording);
        events.committed();
        return list;
    }

    public List<TaskList> lists(String user) {
        return store.lists(user);
    }

    /** @throws ListNotFoundException when the list does not exist or the user may not see it */
    public TaskList requireList(long listId, String user) {
        return store.list(listId, user).orElseThrow(() -> new ListNotFoundException(listId));
    }

    /** @throws ListNotFoundException when the list does not exist or the user may not see it */
    public ListSnapshot snapshot(long listId, String user) {
        return store.snapshot(listId, user).orElseThrow(() -> new ListNotFoundException(listId));
    }

    public Task addTask(String user, long listId, String title) {
        return addTask(user, listId, title, Recording.none()).value();
    }

    public Written<Task> addTask(String user, long listId, String title, Recording<Task> recording) {
        access.requireWriter(listId, user);
        Written<Task> task = store.addTask(listId, title.strip(), recording);
        events.committed();
        return task;
    }

    public Task updateTask(String user, long taskId, TaskPatch patch) {
        return updateTask(user, taskId, patch, Precondition.NONE, Recording.none()).value();
    }

    /**
     * @throws TaskNotFoundException       when the task does not exist or the user may not see its list
     * @throws PreconditionFailedException when the task's row version does not meet {@code precondition}
     */
    public Written<Task> updateTask(String user, long taskId, TaskPatch patch, Precondition precondition,
                                    Recording<Task> recording) {
        requireWritableTask(user, taskId);
        String title = patch.title() == null ? null : patch.title().strip();
        Written<Task> task = store.updateTask(taskId, title, patch.completed(), precondition, recording);
        events.committed();
        return task;
    }

    public void deleteTask(String user, long taskId) {
        deleteTask(user, taskId, Precondition.NONE, Recording.none());
    }

    /**
     * @throws TaskNotFoundException       when the task does not exist or the user may not see its list
     * @throws PreconditionFailedException when the task's row version does not meet {@code precondition}
     */
    public Written<Long> deleteTask(String user, long taskId, Precondition precondition, Recording<Long> recording) {
        requireWritableTask(user, taskId);
        Written<Long> deleted = store.deleteTask(taskId, precondition, recording);
        events.committed();
        return deleted;
    }

    /** A task of a list the user may not see does not exist for them (404), as the list does not. */
    private void requireWritableTask(String user, long taskId) {
        Task task = store.task(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        try {
            access.requireWriter(task.listId(), user);
        } catch (ListNotFoundException e) {
            throw new TaskNotFoundException(taskId);
        }
    }
}
