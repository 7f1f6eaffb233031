package io.livetasks.task;

import java.time.Instant;

/** A task as stored: the full current row, which is also what change events carry. */
public record Task(long id, long listId, String title, boolean completed, Instant createdAt, Instant updatedAt) {

    /** Longest title accepted; the column is sized to match (see db/migration). */
    public static final int MAX_TITLE_LENGTH = 500;
}
