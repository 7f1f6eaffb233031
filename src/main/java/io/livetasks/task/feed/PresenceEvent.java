package io.livetasks.task.feed;

import io.livetasks.task.Presence;
import io.livetasks.task.Viewer;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The JSON pushed to a list's subscribers when its viewers change, identical on every transport (hub target
 * and SSE event {@code presence}; a plain WebSocket frame tells it by {@code action}):
 * {@code {"action": "presence", "listId", "viewers": [{"user", "since"}], "version"}}. It carries the whole
 * state, not a delta, and stands outside the version sequence (no SSE {@code id:}, never a resume cursor):
 * it may be sent again at any time, and a client keeps the one with the highest {@code version}.
 */
@JsonbPropertyOrder({"action", "listId", "viewers", "version"})
public record PresenceEvent(String action, long listId, List<Viewer> viewers, long version) {

    /** Hub target (and SSE event name). */
    public static final String TARGET = "presence";

    public static PresenceEvent of(Presence presence) {
        return new PresenceEvent(TARGET, presence.listId(), presence.viewers(), presence.version());
    }
}
