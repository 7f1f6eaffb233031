package io.livetasks.push.signalr.protocol;

/**
 * Writes the JSON hub protocol messages the server sends, each a complete record ending with the record
 * separator. Arguments and results are embedded as given (already serialised JSON), so a hub target
 * carries exactly the JSON that the plain SSE and WebSocket transports carry.
 */
public final class HubFrames {

    /** Terminates every record of the JSON hub protocol (ASCII RS). */
    public static final char RECORD_SEPARATOR = '\u001e';

    static final int INVOCATION = 1;
    static final int STREAM_ITEM = 2;
    static final int COMPLETION = 3;
    static final int STREAM_INVOCATION = 4;
    static final int CANCEL_INVOCATION = 5;
    static final int PING = 6;
    static final int CLOSE = 7;

    private static final String PING_FRAME = "{\"type\":6}" + RECORD_SEPARATOR;

    private HubFrames() {
    }

    /** The handshake response: {@code {}} on success, {@code {"error": ...}} when the handshake failed. */
    public static String handshakeResponse(String error) {
        return (error == null ? "{}" : "{\"error\":" + quote(error) + "}") + RECORD_SEPARATOR;
    }

    /** A non-blocking invocation of a client handler with one argument, given as JSON. */
    public static String invocation(String target, String argumentJson) {
        return "{\"type\":1,\"target\":" + quote(target) + ",\"arguments\":[" + argumentJson + "]}" + RECORD_SEPARATOR;
    }

    /**
     * A non-blocking invocation of a client handler with any number of arguments, {@code argumentsJson} being
     * a JSON array (as the publish API receives it).
     */
    public static String invocationWithArguments(String target, String argumentsJson) {
        return "{\"type\":1,\"target\":" + quote(target) + ",\"arguments\":" + argumentsJson + "}" + RECORD_SEPARATOR;
    }

    /** A completion with a result ({@code resultJson} as JSON), or without one when it is null. */
    public static String completion(String invocationId, String resultJson) {
        return "{\"type\":3,\"invocationId\":" + quote(invocationId)
                + (resultJson == null ? "" : ",\"result\":" + resultJson) + "}" + RECORD_SEPARATOR;
    }

    /** A completion with an error message. */
    public static String completionError(String invocationId, String error) {
        return "{\"type\":3,\"invocationId\":" + quote(invocationId) + ",\"error\":" + quote(error) + "}" + RECORD_SEPARATOR;
    }

    public static String ping() {
        return PING_FRAME;
    }

    /**
     * A Close message. With {@code allowReconnect}, clients configured with automatic reconnect try again
     * (e.g. after a server-side timeout); without it they stop (e.g. after a protocol error).
     */
    public static String close(String error, boolean allowReconnect) {
        StringBuilder frame = new StringBuilder("{\"type\":7");
        if (error != null) {
            frame.append(",\"error\":").append(quote(error));
        }
        if (allowReconnect) {
            frame.append(",\"allowReconnect\":true");
        }
        return frame.append('}').append(RECORD_SEPARATOR).toString();
    }

    /**
     * {@code text} as a JSON string (RFC 8259: quotation mark, reverse solidus and control characters escaped).
     * Written here rather than with {@code Json.createValue}: that looks the JSON-P provider up with a
     * {@code ServiceLoader} on every call, which the benchmark found on the hot path of every delivery.
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
