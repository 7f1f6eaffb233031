package io.livetasks.push.signalr.protocol;

import jakarta.json.JsonArray;
import java.util.List;

/** A message a client sent after the handshake, as far as this server acts on it. */
public sealed interface HubMessage {

    /** Type 1: call a hub method; {@code invocationId} is null for a non-blocking call expecting no reply. */
    record Invocation(String invocationId, String target, JsonArray arguments, List<String> streamIds) implements HubMessage {
    }

    /** Type 4: call a method that streams its results (not supported: answered with an error completion). */
    record StreamInvocation(String invocationId, String target) implements HubMessage {
    }

    /** Type 6: keep-alive; it only proves the client is there. */
    record Ping() implements HubMessage {
    }

    /** Type 7: the client is closing the connection. */
    record Close(String error) implements HubMessage {
    }

    /** Any other type (stream items, completions, cancellations, acks): accepted and ignored. */
    record Ignored(int type) implements HubMessage {
    }
}
