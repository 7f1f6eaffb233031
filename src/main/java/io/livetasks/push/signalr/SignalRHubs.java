package io.livetasks.push.signalr;

import io.livetasks.push.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The hubs served under {@code /hubs/}, registered by feature modules at start-up. */
@ApplicationScoped
public class SignalRHubs {

    private final Map<String, HubDefinition> hubs = new ConcurrentHashMap<>();

    /**
     * Serves a hub at {@code /hubs/{name}} whose connections join {@code hub}; add its methods to the result.
     * Registering a name again replaces the earlier hub for new connections.
     */
    public HubDefinition register(String name, Hub hub) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("A hub name is one URL path segment of letters, digits, '-' or '_': " + name);
        }
        HubDefinition definition = new HubDefinition(name, hub);
        hubs.put(name, definition);
        return definition;
    }

    public Optional<HubDefinition> find(String name) {
        return Optional.ofNullable(hubs.get(name));
    }
}
