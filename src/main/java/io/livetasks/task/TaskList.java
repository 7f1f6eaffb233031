package io.livetasks.task;

import java.time.Instant;

/**
 * A named, shared list of tasks, as one member sees it.
 *
 * @param role the caller's role in the list: {@code owner}, {@code writer} or {@code reader}
 */
public record TaskList(long id, String name, Instant createdAt, String role) {
}
