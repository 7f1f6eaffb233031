package io.livetasks.task.feed;

import io.livetasks.task.Presence;
import io.livetasks.task.Viewer;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The JSON pushed to a list's subscribers when its viewers change, identical on every transport (hub target
 * and SSE event {@code presence}; a plain WebSocket frame tells it by {@code action}):
 * {@code {"action": "presence", "listId", "viewers": [{"user", "since"}], "asOf"}}. It carries the whole
 * state, not a delta, and stands outside the version sequence (no {@code version} field, no SSE {@code id:},
 * never a resume cursor): it may be sent again at any time, and a client keeps the one with the highest
 * {@code asOf}. Plain SSE and WebSocket streams receive it when they ask ({@code ?presence=true}).
 */
@JsonbPropertyOrder({"action", "listId", "viewers", "asOf"})
public record PresenceEvent(String action, long listId, List<Viewer> viewers, long asOf) {

    /** Hub target (and SSE event name). */
    public static final String TARGET = "presence";

    /** The query parameter with which a plain SSE or WebSocket stream asks for presence events ({@code =true}). */
    public static final String PARAMETER = "presence";

    /**
     * Whether a plain stream asked for presence events: {@code true}, or absent / {@code false}.
     *
     * @throws IllegalArgumentException for anything else (a 400 for the client)
     */
    public static boolean requested(String parameter) {
        if (parameter == null || parameter.isEmpty() || parameter.equals("false")) {
            return false;
        }
        if (parameter.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("presence must be true or false, was: " + parameter);
    }

    public static PresenceEvent of(Presence presence) {
        return new PresenceEvent(TARGET, presence.listId(), presence.viewers(), presence.asOf());
    }
}
