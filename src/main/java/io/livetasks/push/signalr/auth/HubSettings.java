package io.livetasks.push.signalr.auth;

import java.time.Duration;

/**
 * Tunables of the SignalR endpoint (MicroProfile Config keys in {@link HubSettingsProducer}).
 *
 * @param keepAlive        a Ping is sent after this long without any other message to the client
 * @param clientTimeout    a WebSocket or SSE client that sent nothing (not even its pings) for this long,
 *                         or a long-polling client that has not polled for this long, is closed
 * @param negotiateTimeout a negotiated connection that no transport took up within this time is dropped
 * @param handshakeTimeout a connection whose transport is up but which sent no handshake is closed
 * @param pollTimeout      a long poll without data ends after this long with an empty 200
 * @param maxMessageBytes  the largest client message (one record) accepted, in bytes of UTF-8
 */
public record HubSettings(Duration keepAlive, Duration clientTimeout, Duration negotiateTimeout,
                          Duration handshakeTimeout, Duration pollTimeout, int maxMessageBytes) {

    /** The defaults, as documented in docs/signalr.md. */
    public static HubSettings defaults() {
        return new HubSettings(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(20), 32 * 1024);
    }
}
