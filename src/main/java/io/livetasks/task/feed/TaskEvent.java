package io.livetasks.task.feed;

import io.livetasks.task.Task;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The JSON pushed to clients for one change, identical on every transport (target {@code taskUpdate}):
 * {@code {"version", "action", "listId", "taskId", "task"}}. Applying it is idempotent.
 */
@JsonbPropertyOrder({"version", "action", "listId", "taskId", "task"})
public record TaskEvent(long version, String action, long listId, long taskId, Task task) {

    /** Hub target (and SSE event name) of task changes. */
    public static final String TARGET = "taskUpdate";
    /** Hub target (and SSE event name) telling a client to reload the snapshot. */
    public static final String RESYNC_TARGET = "resync";
    public static final String RESYNC = "resync";

    /** The group of a list's subscribers. */
    public static String group(long listId) {
        return GROUP_PREFIX + listId;
    }

    /** Whether {@code group} is a list's group ({@link #group(long)}). */
    public static boolean isListGroup(String group) {
        return group.startsWith(GROUP_PREFIX);
    }

    private static final String GROUP_PREFIX = "list:";
}
