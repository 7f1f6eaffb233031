package io.livetasks.push.signalr.protocol;

import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/** Parses the records a client sends (JSON hub protocol), strictly enough to reject malformed input. */
public final class HubMessageParser {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The only hub protocol and version this server speaks. */
    public static final String PROTOCOL = "json";
    public static final int VERSION = 1;

    private HubMessageParser() {
    }

    /**
     * Checks a handshake request ({@code {"protocol":"json","version":1}}).
     *
     * @return null when it is acceptable, otherwise the error to send in the handshake response
     * @throws ProtocolException when the record is not a handshake request at all
     */
    public static String handshakeError(String record) throws ProtocolException {
        JsonObject request = object(record);
        JsonValue protocol = request.get("protocol");
        JsonValue version = request.get("version");
        if (!(protocol instanceof JsonString name) || !(version instanceof JsonNumber number)) {
            throw new ProtocolException("Expected a handshake request with 'protocol' and 'version'");
        }
        if (!PROTOCOL.equals(name.getString())) {
            return "Requested protocol '" + name.getString() + "' is not available.";
        }
        if (!number.isIntegral() || number.intValue() != VERSION) {
            return "The server does not support version " + number + " of the '" + PROTOCOL + "' protocol.";
        }
        return null;
    }

    /** Parses one record received after the handshake. */
    public static HubMessage parse(String record) throws ProtocolException {
        JsonObject message = object(record);
        if (!(message.get("type") instanceof JsonNumber type) || !type.isIntegral()) {
            throw new ProtocolException("Missing or invalid 'type' property");
        }
        return switch (type.intValue()) {
            case HubFrames.INVOCATION -> new HubMessage.Invocation(optionalString(message, "invocationId"),
                    requiredString(message, "target"), arguments(message), streamIds(message));
            case HubFrames.STREAM_INVOCATION -> new HubMessage.StreamInvocation(requiredString(message, "invocationId"),
                    requiredString(message, "target"));
            case HubFrames.PING -> new HubMessage.Ping();
            case HubFrames.CLOSE -> new HubMessage.Close(optionalString(message, "error"));
            default -> new HubMessage.Ignored(type.intValue());
        };
    }

    private static JsonObject object(String record) throws ProtocolException {
        try (JsonReader reader = JSON.createReader(new StringReader(record))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ProtocolException("Expected a JSON object, got " + value.getValueType());
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            // The parser's own message can quote the input: keep it short and on one line.
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ProtocolException("Malformed JSON message: " + (detail.length() > 120 ? detail.substring(0, 120) + "..." : detail));
        }
    }

    private static String requiredString(JsonObject message, String name) throws ProtocolException {
        String value = optionalString(message, name);
        if (value == null || value.isEmpty()) {
            throw new ProtocolException("Missing required property '" + name + "'");
        }
        return value;
    }

    private static String optionalString(JsonObject message, String name) throws ProtocolException {
        JsonValue value = message.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new ProtocolException("Property '" + name + "' must be a string");
    }

    private static JsonArray arguments(JsonObject message) throws ProtocolException {
        if (message.get("arguments") instanceof JsonArray arguments) {
            return arguments;
        }
        throw new ProtocolException("Missing or invalid 'arguments' array");
    }

    private static List<String> streamIds(JsonObject message) throws ProtocolException {
        JsonValue ids = message.get("streamIds");
        if (ids == null || ids == JsonValue.NULL) {
            return List.of();
        }
        if (!(ids instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw new ProtocolException("Property 'streamIds' must be an array of strings");
        }
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
