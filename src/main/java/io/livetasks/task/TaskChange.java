package io.livetasks.task;

/**
 * What a change event says about one task: its action and its full current state ({@code task} is
 * {@code null} when deleted). Carried by {@link io.livetasks.changefeed.Change} with the version.
 *
 * @param action one of {@link #ADDED}, {@link #UPDATED}, {@link #COMPLETED}, {@link #DELETED}
 */
public record TaskChange(String action, long listId, long taskId, Task task) implements ListChange {

    public static final String ADDED = "added";
    public static final String UPDATED = "updated";
    /** The {@code completed} flag changed, either way; {@code task.completed} tells which. */
    public static final String COMPLETED = "completed";
    public static final String DELETED = "deleted";
}
