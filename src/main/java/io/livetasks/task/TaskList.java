package io.livetasks.task;

import java.time.Instant;

/** A named, shared list of tasks. */
public record TaskList(long id, String name, Instant createdAt) {
}
