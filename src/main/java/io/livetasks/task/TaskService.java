package io.livetasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The task-list use cases. Every write commits in the store and then tells {@link TaskEvents}, so this
 * instance's clients see it without waiting for the next poll; clients of other instances see it on
 * their instance's next poll. Events themselves always come from change tracking, whoever wrote.
 */
@ApplicationScoped
public class TaskService {

    private final TaskStore store;
    private final TaskEvents events;

    @Inject
    public TaskService(TaskStore store, TaskEvents events) {
        this.store = store;
        this.events = events;
    }

    /** For the CDI proxy only. */
    protected TaskService() {
        this(null, null);
    }

    public TaskList createList(String name) {
        return store.createList(name.strip());
    }

    public List<TaskList> lists() {
        return store.lists();
    }

    /** @throws ListNotFoundException when the list does not exist */
    public TaskList requireList(long listId) {
        return store.list(listId).orElseThrow(() -> new ListNotFoundException(listId));
    }

    public ListSnapshot snapshot(long listId) {
        return store.snapshot(listId).orElseThrow(() -> new ListNotFoundException(listId));
    }

    public Task addTask(long listId, String title) {
        Task task = store.addTask(listId, title.strip());
        events.committed();
        return task;
    }

    public Task updateTask(long taskId, TaskPatch patch) {
        String title = patch.title() == null ? null : patch.title().strip();
        Task task = store.updateTask(taskId, title, patch.completed()).orElseThrow(() -> new TaskNotFoundException(taskId));
        events.committed();
        return task;
    }

    public void deleteTask(long taskId) {
        if (!store.deleteTask(taskId)) {
            throw new TaskNotFoundException(taskId);
        }
        events.committed();
    }
}
