package io.livetasks.push.signalr;

import io.livetasks.push.Connection;
import io.livetasks.push.Hub;
import io.livetasks.push.Subscription;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One call of a hub method: its arguments (JSON) and the calling connection, with the hub operations a
 * method needs (groups, subscriptions with their own version cursor). Argument accessors throw
 * {@link HubException} with a message naming the argument, so a bad call fails with a clear error.
 */
public final class HubInvocation {

    private final SignalRConnection connection;
    private final String target;
    private final JsonArray arguments;

    HubInvocation(SignalRConnection connection, String target, JsonArray arguments) {
        this.connection = connection;
        this.target = target;
        this.arguments = arguments;
    }

    public String target() {
        return target;
    }

    /** The user of the access token the connection was made with, or null when anonymous. */
    public String user() {
        return connection.user();
    }

    /** The calling connection (its {@code id()} is the SignalR connection id). */
    public Connection connection() {
        return connection;
    }

    public Hub hub() {
        return connection.definition().hub();
    }

    public int argumentCount() {
        return arguments.size();
    }

    /** The raw argument at {@code index}, or {@code JsonValue.NULL} past the end. */
    public JsonValue argument(int index) {
        return index < arguments.size() ? arguments.get(index) : JsonValue.NULL;
    }

    /** A whole number; missing, null or anything else fails the call. */
    public long longArgument(int index, String name) {
        Long value = optionalLongArgument(index, name);
        if (value == null) {
            throw new HubException("Argument '" + name + "' is required");
        }
        return value;
    }

    /** A whole number, or null when missing or null. */
    public Long optionalLongArgument(int index, String name) {
        JsonValue value = argument(index);
        if (value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.longValueExact();
        }
        if (value instanceof JsonString text && text.getString().matches("-?\\d{1,18}")) {
            return Long.parseLong(text.getString());
        }
        throw new HubException("Argument '" + name + "' must be a whole number");
    }

    /** A string; missing, null or anything else fails the call. */
    public String stringArgument(int index, String name) {
        if (argument(index) instanceof JsonString text) {
            return text.getString();
        }
        throw new HubException("Argument '" + name + "' must be a string");
    }

    /** Joins the caller's own subscription ({@link Connection#subscription()}) to {@code group}. */
    public void joinGroup(String group) {
        hub().join(group, connection.subscription());
    }

    public void leaveGroup(String group) {
        hub().leave(group, connection.subscription());
    }

    /**
     * One subscription of the caller (e.g. one task list), with its own version cursor in front of the
     * caller's outbox, to join groups and replay changes with. Replaces an earlier subscription of the same
     * key; ends with the SignalR connection or {@link #unsubscribe(String)}.
     */
    public Subscription subscription(String key) {
        return connection.subscribe(key);
    }

    /** Ends the caller's subscription {@code key}, leaving its groups; false when there was none. */
    public boolean unsubscribe(String key) {
        return connection.unsubscribe(key);
    }
}
