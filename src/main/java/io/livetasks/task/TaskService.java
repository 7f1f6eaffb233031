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
        TaskList list = store.createList(name.strip(), user);
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
        access.requireWriter(listId, user);
        Task task = store.addTask(listId, title.strip());
        events.committed();
        return task;
    }

    public Task updateTask(String user, long taskId, TaskPatch patch) {
        requireWritableTask(user, taskId);
        String title = patch.title() == null ? null : patch.title().strip();
        Task task = store.updateTask(taskId, title, patch.completed()).orElseThrow(() -> new TaskNotFoundException(taskId));
        events.committed();
        return task;
    }

    public void deleteTask(String user, long taskId) {
        requireWritableTask(user, taskId);
        if (!store.deleteTask(taskId)) {
            throw new TaskNotFoundException(taskId);
        }
        events.committed();
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
