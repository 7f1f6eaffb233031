package io.livetasks.task;

import java.time.Instant;

/**
 * A task as stored: the full current row, which is also what change events carry.
 *
 * @param rowVersion the row's version, changed by every update of the row whoever makes it (a DBA's plain SQL
 *                   too): an opaque string (16 hex digits) that the API also sends as the task's {@code ETag}
 *                   and accepts in {@code If-Match}. Compare it for equality only; it says nothing about order.
 */
public record Task(long id, long listId, String title, boolean completed, Instant createdAt, Instant updatedAt,
                   String rowVersion) {

    /** Longest title accepted; the column is sized to match (see db/migration). */
    public static final int MAX_TITLE_LENGTH = 500;
}
