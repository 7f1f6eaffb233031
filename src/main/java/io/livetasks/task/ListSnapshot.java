package io.livetasks.task;

import java.util.List;

/**
 * A list with its tasks and the change version they were read at, all from one snapshot: subscribing
 * to the list's changes after {@code version} gives a gapless view.
 */
public record ListSnapshot(TaskList list, List<Task> tasks, long version) {
}
