package io.livetasks.push.signalr.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads {@link HubSettings} once from MicroProfile Config (system properties, environment, server.xml variables). */
@ApplicationScoped
public class HubSettingsProducer {

    @Produces
    @Singleton
    HubSettings settings(@ConfigProperty(name = "livetasks.hub.keep-alive.seconds", defaultValue = "15") long keepAlive,
                         @ConfigProperty(name = "livetasks.hub.client-timeout.seconds", defaultValue = "30") long clientTimeout,
                         @ConfigProperty(name = "livetasks.hub.disconnect-timeout.seconds", defaultValue = "15") long disconnectTimeout,
                         @ConfigProperty(name = "livetasks.hub.negotiate-timeout.seconds", defaultValue = "30") long negotiateTimeout,
                         @ConfigProperty(name = "livetasks.hub.handshake-timeout.seconds", defaultValue = "15") long handshakeTimeout,
                         @ConfigProperty(name = "livetasks.hub.long-poll-timeout.seconds", defaultValue = "20") long pollTimeout,
                         @ConfigProperty(name = "livetasks.hub.max-message-bytes", defaultValue = "32768") int maxMessageBytes) {
        return new HubSettings(Duration.ofSeconds(keepAlive), Duration.ofSeconds(clientTimeout), Duration.ofSeconds(disconnectTimeout),
                Duration.ofSeconds(negotiateTimeout), Duration.ofSeconds(handshakeTimeout), Duration.ofSeconds(pollTimeout), maxMessageBytes);
    }
}
