package io.livetasks.task.feed;

import io.livetasks.push.Message;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A keep-alive of one list's stream, the same JSON on every transport (SSE event and SignalR target
 * {@code keepAlive}, a plain WebSocket text frame): proof of life the client's code can see, and
 * {@code version}, up to which every change of the list has been delivered completely to this stream (also on
 * a quiet list: versions that did not touch it count). A client uses it as its resume point and as a write
 * receipt: a write answered with {@code X-Change-Version: V} is reflected once a keep-alive says
 * {@code version >= V} (docs/offline.md).
 */
@JsonbPropertyOrder({"action", "listId", "version"})
public record KeepAliveEvent(String action, long listId, long version) {

    /** Hub target and SSE event name, also the {@code action}. */
    public static final String TARGET = Message.KEEP_ALIVE_EVENT;

    public static KeepAliveEvent of(long listId, long version) {
        return new KeepAliveEvent(TARGET, listId, version);
    }
}
