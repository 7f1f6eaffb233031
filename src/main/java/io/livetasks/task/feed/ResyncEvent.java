package io.livetasks.task.feed;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Tells a client that changes after its version can no longer be replayed: reload the snapshot
 * ({@code GET /api/lists/{listId}}) and continue from the version it returns. {@code listId} is null
 * when it concerns every list.
 */
@JsonbPropertyOrder({"action", "listId", "minValidVersion"})
public record ResyncEvent(String action, Long listId, long minValidVersion) {

    public static ResyncEvent of(Long listId, long minValidVersion) {
        return new ResyncEvent(TaskEvent.RESYNC, listId, minValidVersion);
    }
}
