package io.livetasks.publish;

import io.livetasks.push.Hub;
import io.livetasks.push.signalr.HubDefinition;
import io.livetasks.push.signalr.SignalRConnection;
import io.livetasks.push.signalr.SignalRHubs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hubs a backend may publish to: {@code tasks} (the application's own, served by {@code task.feed.TaskHub})
 * and every name in {@code livetasks.publish.hubs} (environment {@code LIVETASKS_PUBLISH_HUBS}, comma-separated),
 * which this class serves at {@code /hubs/{name}} with a hub of its own and no client-invokable methods:
 * clients only listen, as in Azure SignalR Service's serverless mode.
 */
@ApplicationScoped
public class PublishHubs {

    private static final Logger LOG = Logger.getLogger(PublishHubs.class.getName());
    /** The application's hub (see {@code task.feed.TaskHub#NAME}); always publishable. */
    public static final String TASKS = "tasks";

    private final SignalRHubs hubs;
    private final Hub applicationHub;
    private final Set<String> names;

    @Inject
    public PublishHubs(SignalRHubs hubs, Hub applicationHub,
                       @ConfigProperty(name = "livetasks.publish.hubs") Optional<List<String>> configured) {
        this.hubs = hubs;
        this.applicationHub = applicationHub;
        Set<String> all = new LinkedHashSet<>();
        all.add(TASKS);
        configured.orElse(List.of()).stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(all::add);
        this.names = Set.copyOf(all);
    }

    /** For the CDI proxy only. */
    protected PublishHubs() {
        this.hubs = null;
        this.applicationHub = null;
        this.names = null;
    }

    void onStart(@Observes Startup startup) {
        for (String name : names) {
            if (!TASKS.equals(name) && hubs.find(name).isEmpty()) {
                hubs.register(name, new Hub(applicationHub.queueCapacity()));
                LOG.info(() -> "Serving the publish hub /hubs/" + name);
            }
        }
    }

    /** The hub named {@code name}, if a backend may publish to it and it is served. */
    public Optional<HubDefinition> find(String name) {
        return names.contains(name) ? hubs.find(name) : Optional.empty();
    }

    /** This instance's SignalR connections of the hub that completed their handshake. */
    public static Stream<SignalRConnection> connections(HubDefinition hub) {
        return hub.hub().connections().stream()
                .filter(connection -> connection instanceof SignalRConnection)
                .map(SignalRConnection.class::cast)
                .filter(connection -> connection.definition().name().equals(hub.name()));
    }

    /** This instance's connection of the hub with this id. */
    public static Optional<SignalRConnection> connection(HubDefinition hub, String id) {
        return Optional.ofNullable(hub.hub().connection(id))
                .filter(connection -> connection instanceof SignalRConnection)
                .map(SignalRConnection.class::cast)
                .filter(connection -> connection.definition().name().equals(hub.name()));
    }
}
