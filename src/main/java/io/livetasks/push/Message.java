package io.livetasks.push;

import io.livetasks.changefeed.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for clients: a hub target (e.g. {@code taskUpdate}) and its JSON argument. Transports frame
 * it their own way (a WebSocket text frame, an SSE event, a SignalR invocation) with the same JSON.
 *
 * <p>A message is either versioned (it belongs to a change version, and a {@link VersionCursor} skips it
 * when that version was already delivered) or not (a resync notice, a protocol frame: always delivered).
 *
 * @param target       the client-side handler name, also the SSE event name
 * @param json         the argument, already serialised
 * @param version      the change version the message belongs to; empty when it is outside the version sequence
 * @param endOfVersion true on the last message of its version for this audience: after it, the version
 *                     has been delivered completely and may be used as a resume cursor (SSE {@code id:});
 *                     only a versioned message can end its version
 */
public record Message(String target, String json, Optional<Version> version, boolean endOfVersion) {

    public Message {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(version, "version (Optional.empty() for an unversioned message)");
        if (endOfVersion && version.isEmpty()) {
            throw new IllegalArgumentException("Only a versioned message can end its version");
        }
    }

    /**
     * The marker target of a keep-alive on a plain stream: proof that the connection is alive, carrying the
     * version delivered completely to it ({@link #keepAlive(String, Version)}). Transports name it
     * {@link #KEEP_ALIVE_EVENT} on the wire. No hub target contains NUL.
     */
    public static final String KEEP_ALIVE = "\u0000keep-alive";

    /** What clients see: the SSE event name and the SignalR hub target of a keep-alive. */
    public static final String KEEP_ALIVE_EVENT = "keepAlive";

    /**
     * A keep-alive saying that every version up to {@code deliveredThrough} has been delivered completely, so
     * a client may use it as its resume point (the SSE {@code id:}) and as a write receipt. It bypasses version
     * cursors (it goes to the outbox as is): build it from the cursor under the subscription's lock, then it
     * is queued after everything the cursor counted.
     */
    public static Message keepAlive(String json, Version deliveredThrough) {
        return new Message(KEEP_ALIVE, json, Optional.of(deliveredThrough), true);
    }

    public boolean isKeepAlive() {
        return KEEP_ALIVE.equals(target);
    }

    /** A message outside the version sequence (always delivered, never a cursor). */
    public static Message of(String target, String json) {
        return new Message(target, json, Optional.empty(), false);
    }

    /** A message of change version {@code version}; {@code endOfVersion} on the last one of that version. */
    public static Message versioned(String target, String json, Version version, boolean endOfVersion) {
        return new Message(target, json, Optional.of(version), endOfVersion);
    }

    public boolean isVersioned() {
        return version.isPresent();
    }

    /** The version a client may resume after once this message is delivered: present only on the end of a version. */
    public Optional<Version> resumeVersion() {
        return endOfVersion ? version : Optional.empty();
    }
}
