package io.livetasks.push;

import java.util.Objects;

/**
 * One message for clients: a hub target (e.g. {@code taskUpdate}) and its JSON argument. Transports frame
 * it their own way (a WebSocket text frame, an SSE event, a SignalR invocation) with the same JSON.
 *
 * @param target       the client-side handler name, also the SSE event name
 * @param json         the argument, already serialised
 * @param version      the change version the message belongs to, or 0 when it has none
 * @param endOfVersion true on the last message of its version for this audience: after it, the version
 *                     has been delivered completely and may be used as a resume cursor (SSE {@code id:})
 */
public record Message(String target, String json, long version, boolean endOfVersion) {

    public Message {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(json, "json");
    }

    /** A message outside the version sequence (always delivered, never a cursor). */
    public static Message of(String target, String json) {
        return new Message(target, json, 0, false);
    }
}
