package io.livetasks.task.feed;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The JSON pushed to clients for one membership change, identical on every transport (target
 * {@code memberUpdate}): {@code {"version", "action", "listId", "user", "role"}}; {@code role} is null
 * when the member was removed. Applying it is idempotent.
 */
@JsonbPropertyOrder({"version", "action", "listId", "user", "role"})
public record MemberEvent(long version, String action, long listId, String user, String role) {

    /** Hub target (and SSE event name) of membership changes. */
    public static final String TARGET = "memberUpdate";
}
