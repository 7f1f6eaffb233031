package io.livetasks.task.feed;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Tells a client that it may no longer see a list (its membership was removed, through the API or with
 * plain SQL): the last message of that list's stream (target and SSE event {@code revoked}); nothing of the
 * list follows. {@code version} is the change that removed the membership.
 */
@JsonbPropertyOrder({"action", "listId", "version"})
public record RevokedEvent(String action, long listId, long version) {

    /** Hub target (and SSE event name). */
    public static final String TARGET = "revoked";

    public static RevokedEvent of(long listId, long version) {
        return new RevokedEvent(TARGET, listId, version);
    }
}
