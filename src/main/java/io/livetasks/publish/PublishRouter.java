package io.livetasks.publish;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.Version;
import io.livetasks.push.signalr.HubDefinition;
import io.livetasks.push.signalr.SignalRConnection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Applies the outbox's commands, in commit order, to this instance's connections: every instance sees every
 * command (through {@link PublishFeed}) and acts on the connections it holds, so a send reaches a hub's
 * clients wherever they are connected, and a group change made anywhere counts everywhere.
 *
 * <p>Runs under the feed's lock: it only queues (each connection's outbox paces the writes) and never blocks.
 */
@ApplicationScoped
public class PublishRouter implements ChangeFeed.Publisher<PublishCommand> {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(PublishRouter.class.getName());
    static final String CLOSED_BY_BACKEND = "Connection closed by the server";

    private final PublishHubs hubs;
    private final ApiGroups groups;
    /** Connections that have a close hook taking them out of the API groups. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    @Inject
    public PublishRouter(PublishHubs hubs, ApiGroups groups) {
        this.hubs = hubs;
        this.groups = groups;
    }

    /** For the CDI proxy only. */
    protected PublishRouter() {
        this(null, null);
    }

    @Override
    public void publish(ChangeBatch<PublishCommand> batch) {
        for (Change<PublishCommand> change : batch.changes()) {
            try {
                apply(change.payload());
            } catch (RuntimeException e) {
                // One bad row must not stop the others (nor the poller).
                LOG.log(Level.WARNING, "Could not apply publish command " + change.payload() + " of version " + change.version(), e);
            }
        }
    }

    @Override
    public void resyncAll(Version newVersion) {
        LOG.warning(() -> "The publish outbox could not be read after the last version applied; publish commands up to "
                + newVersion + " may not have reached this instance's clients");
    }

    void apply(PublishCommand command) {
        Optional<HubDefinition> found = hubs.find(command.hub());
        if (found.isEmpty()) {
            LOG.fine(() -> "No publish hub " + command.hub() + " on this instance: " + command.action() + " ignored");
            return;
        }
        HubDefinition hub = found.get();
        String name = hub.name();
        switch (command.action()) {
            case SEND_TO_ALL, SEND_TO_GROUP, SEND_TO_USER, SEND_TO_CONNECTION -> send(hub, command);
            case ADD_CONNECTION_TO_GROUP -> PublishHubs.connection(hub, command.recipient()).ifPresent(connection -> {
                groups.addConnection(name, command.group(), connection.id());
                watch(name, connection);
            });
            case REMOVE_CONNECTION_FROM_GROUP -> groups.removeConnection(name, command.group(), command.recipient());
            case REMOVE_CONNECTION_FROM_ALL_GROUPS -> groups.removeConnection(name, command.recipient());
            case ADD_USER_TO_GROUP -> groups.addUser(name, command.group(), command.recipient());
            case REMOVE_USER_FROM_GROUP -> groups.removeUser(name, command.group(), command.recipient());
            case REMOVE_USER_FROM_ALL_GROUPS -> groups.removeUser(name, command.recipient());
            case CLEAR_GROUP -> groups.clear(name, command.group());
            case CLOSE_CONNECTION -> PublishHubs.connection(hub, command.recipient()).ifPresent(connection ->
                    connection.closeWithError(command.message() == null || command.message().isBlank()
                            ? CLOSED_BY_BACKEND : command.message(), false));
        }
    }

    private void send(HubDefinition hub, PublishCommand command) {
        JsonObject message = JSON.createReader(new StringReader(command.message())).readObject();
        String target = message.getString("target");
        String arguments = message.getJsonArray("arguments").toString();
        Set<String> excluded = excluded(message);
        int sent = 0;
        for (SignalRConnection connection : PublishHubs.connections(hub).toList()) {
            if (reaches(command, excluded, connection.id(), connection.user(), groups) && connection.invoke(target, arguments)) {
                sent++;
            }
        }
        int count = sent;
        LOG.fine(() -> command.action() + " " + target + " in hub " + hub.name() + ": " + count + " local connection(s)");
    }

    /** Whether a send command reaches the connection {@code connectionId} of {@code user}. */
    static boolean reaches(PublishCommand command, Set<String> excluded, String connectionId, String user, ApiGroups groups) {
        if (excluded.contains(connectionId)) {
            return false;
        }
        return switch (command.action()) {
            case SEND_TO_ALL -> true;
            case SEND_TO_GROUP -> groups.includes(command.hub(), command.group(), connectionId, user);
            case SEND_TO_USER -> command.recipient().equals(user);
            case SEND_TO_CONNECTION -> command.recipient().equals(connectionId);
            default -> false;
        };
    }

    static Set<String> excluded(JsonObject message) {
        JsonValue excluded = message.get("excluded");
        if (!(excluded instanceof JsonArray array)) {
            return Set.of();
        }
        return array.stream().filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString())
                .collect(Collectors.toUnmodifiableSet());
    }

    private void watch(String hub, SignalRConnection connection) {
        if (watched.add(connection.id())) {
            connection.onClose(() -> {
                groups.removeConnection(hub, connection.id());
                watched.remove(connection.id());
            });
        }
    }
}
