package io.livetasks.push.signalr;

import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/** The body of a successful {@code POST /hubs/{hub}/negotiate}, per the transport protocol spec. */
final class Negotiation {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The highest negotiate version this server speaks; version 1 adds the secret connection token. */
    static final int MAX_VERSION = 1;

    private Negotiation() {
    }

    /** The version to use for a client asking for {@code requested}: the requested one, at most {@link #MAX_VERSION}. */
    static int version(int requested) {
        return Math.min(requested, MAX_VERSION);
    }

    static String response(SignalRConnection connection, int version) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("connectionId", connection.id());
        if (version >= 1) {
            body.add("connectionToken", connection.token());
        }
        JsonArrayBuilder transports = JSON.createArrayBuilder();
        for (Transport.Type type : Transport.Type.values()) {
            // JSON hub protocol only: every transport carries text frames.
            transports.add(JSON.createObjectBuilder().add("transport", type.name()).add("transferFormats", JSON.createArrayBuilder().add("Text")));
        }
        return body.add("negotiateVersion", version).add("availableTransports", transports).build().toString();
    }
}
