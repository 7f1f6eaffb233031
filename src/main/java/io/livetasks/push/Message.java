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

    /** A message outside the version sequence (always delivered, never a cursor). */
    /**
     * The target of a keep-alive: no message for the client's code, only proof that the connection is alive
     * (an SSE comment line, a WebSocket ping). No hub target contains NUL.
     */
    public static final String KEEP_ALIVE = "\u0000keep-alive";

    /** A keep-alive for transports that have none of their own (see {@link #KEEP_ALIVE}). */
    public static Message keepAlive() {
        return of(KEEP_ALIVE, "");
    }

    public boolean isKeepAlive() {
        return KEEP_ALIVE.equals(target);
    }

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
