package io.livetasks.push.signalr.auth;

import java.time.Duration;

/**
 * Tunables of the SignalR endpoint (MicroProfile Config keys in {@link HubSettingsProducer}).
 *
 * @param keepAlive         a Ping is sent after this long without any other message to the client
 * @param clientTimeout     a WebSocket or SSE client that sent nothing (not even its pings) for this long is closed
 * @param disconnectTimeout a long-polling client with no poll outstanding for this long is dropped: it polls again
 *                          as soon as a poll is answered, so a longer gap means it is gone (a closed page cancels its
 *                          poll without a word); ASP.NET Core's {@code DisconnectTimeout}, with its default
 * @param negotiateTimeout  a negotiated connection that no transport took up within this time is dropped
 * @param handshakeTimeout  a connection whose transport is up but which sent no handshake is closed
 * @param pollTimeout       a long poll without data ends after this long with an empty 200
 * @param maxMessageBytes   the largest client message (one record) accepted, in bytes of UTF-8
 */
public record HubSettings(Duration keepAlive, Duration clientTimeout, Duration disconnectTimeout, Duration negotiateTimeout,
                          Duration handshakeTimeout, Duration pollTimeout, int maxMessageBytes) {

    /** The defaults, as documented in docs/signalr.md. */
    public static HubSettings defaults() {
        return new HubSettings(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(20), 32 * 1024);
    }
}
