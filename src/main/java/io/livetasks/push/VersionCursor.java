package io.livetasks.push;

import io.livetasks.changefeed.Version;

/**
 * How far one audience (a plain stream of one list, one list of a SignalR connection) has been served in
 * the version sequence: the highest version whose messages have all been handed to the outbox. A
 * versioned message at or below it is a duplicate (a replay and the live stream overlap around the resume
 * point, and a client resuming from a version another instance served may see it again) and is skipped.
 *
 * <p>Only the message that ends its version moves the cursor, so a version split across several messages
 * is not cut short. Unversioned messages pass and never move it. Not thread-safe: its
 * {@link Subscription} decides and queues under one lock, so that the order of decisions is the order
 * of the queue.
 */
public final class VersionCursor {

    private Version deliveredThrough;

    /** A cursor before any version. */
    public VersionCursor() {
        this(Version.ZERO);
    }

    public VersionCursor(Version deliveredThrough) {
        this.deliveredThrough = deliveredThrough;
    }

    /**
     * Decides whether {@code message} goes out, and records it.
     *
     * @return false when the message's version was already delivered
     */
    public boolean admit(Message message) {
        if (message.version().isEmpty()) {
            return true;
        }
        Version version = message.version().get();
        if (!version.isAfter(deliveredThrough)) {
            return false;
        }
        if (message.endOfVersion()) {
            deliveredThrough = version;
        }
        return true;
    }

    /** Marks every version up to {@code version} as delivered (after a replay that covered them); never moves back. */
    public void advanceTo(Version version) {
        deliveredThrough = deliveredThrough.max(version);
    }

    /** The highest version delivered completely so far ({@link Version#ZERO} before any). */
    public Version deliveredThrough() {
        return deliveredThrough;
    }
}
