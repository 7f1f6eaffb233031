package io.livetasks.push;

import io.livetasks.changefeed.Version;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One message for clients: a hub target (e.g. {@code taskUpdate}) and its JSON argument. Transports frame
 * it their own way (a WebSocket text frame, an SSE event, a SignalR invocation) with the same JSON.
 *
 * <p>A message is either versioned (it belongs to a change version, and a {@link VersionCursor} skips it
 * when that version was already delivered) or not (a resync notice, a protocol frame: always delivered).
 *
 * <p>One message goes to many connections. What a transport puts on the wire for it (an SSE event's bytes, a
 * SignalR invocation) is therefore computed once per message and transport, not once per recipient:
 * {@link #encoded(Function)}. Immutable apart from that cache; thread-safe. Equality is by the four components.
 */
public final class Message {

    private final String target;
    private final String json;
    private final Optional<Version> version;
    private final boolean endOfVersion;
    /** What transports made of this message, newest first (see {@link #encoded(Function)}). */
    private volatile Encoding encodings;

    /** One transport's form of the message, keyed by the encoder that made it. */
    private record Encoding(Function<Message, ?> encoder, Object value, Encoding next) {
    }

    /**
     * @param target       the client-side handler name, also the SSE event name
     * @param json         the argument, already serialised
     * @param version      the change version the message belongs to; empty when it is outside the version sequence
     * @param endOfVersion true on the last message of its version for this audience: after it, the version
     *                     has been delivered completely and may be used as a resume cursor (SSE {@code id:});
     *                     only a versioned message can end its version
     */
    public Message(String target, String json, Optional<Version> version, boolean endOfVersion) {
        this.target = Objects.requireNonNull(target, "target");
        this.json = Objects.requireNonNull(json, "json");
        this.version = Objects.requireNonNull(version, "version (Optional.empty() for an unversioned message)");
        if (endOfVersion && version.isEmpty()) {
            throw new IllegalArgumentException("Only a versioned message can end its version");
        }
        this.endOfVersion = endOfVersion;
    }

    public String target() {
        return target;
    }

    public String json() {
        return json;
    }

    public Optional<Version> version() {
        return version;
    }

    public boolean endOfVersion() {
        return endOfVersion;
    }

    /**
     * What {@code encoder} makes of this message, computed on the first call and kept for the next ones: a
     * message sent to a thousand connections of one transport is framed and encoded once. {@code encoder}
     * must be a constant (the cache is keyed by its identity) and pure; two threads asking at the same moment
     * may both compute it, which is harmless.
     */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Function<Message, T> encoder) {
        for (Encoding encoding = encodings; encoding != null; encoding = encoding.next()) {
            if (encoding.encoder() == encoder) {
                return (T) encoding.value();
            }
        }
        T value = encoder.apply(this);
        synchronized (this) {
            encodings = new Encoding(encoder, value, encodings);
        }
        return value;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && target.equals(that.target) && json.equals(that.json)
                && version.equals(that.version) && endOfVersion == that.endOfVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, json, version, endOfVersion);
    }

    @Override
    public String toString() {
        return "Message[target=" + target + ", json=" + json + ", version=" + version + ", endOfVersion=" + endOfVersion + "]";
    }
}
