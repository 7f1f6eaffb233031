package io.livetasks.task.feed;

import io.livetasks.testing.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.ItTokens;
import io.livetasks.it.NodeClient;
import io.livetasks.it.cluster.ClusterExtension;
import io.livetasks.it.cluster.RunsOwnServers;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official {@code @microsoft/signalr} client (Node, pinned in src/test/signalr) against the real server,
 * signed in as alice, once per transport, connecting as an Azure SignalR app does (through
 * {@code /api/negotiate}, which redirects with an access token) and directly to the hub with its
 * credentials: it joins a list, receives a change written through the REST API and one written with plain
 * SQL, stops, misses a change, restarts and joins again from the last version it saw, and gets exactly the
 * missed change, then live ones. And, per transport, a connection whose access token expires is closed with
 * the error the client reports, after which the client renews its token through its
 * {@code accessTokenFactory}, reconnects, rejoins and keeps receiving.
 *
 * <p>On the cluster's instance a (plain SQL into the cluster's database), an instance like any other, rather than
 * on the Arquillian-managed server: the class then runs in the lane of the classes with servers of their own
 * ({@link RunsOwnServers}), which is shorter than the Arquillian sequence, beside it.
 */
@RunsOwnServers
class OfficialSignalRClientIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * How long the first token in {@link #renewal} lives at least: a client connects, joins and receives one
     * change in well under a second even on two busy cores, here three clients at once (the transports' renewals
     * run side by side); the test then waits for the token to expire (and for the server's once-a-second check), so
     * every second more here is a second more of the test.
     */
    private static final Duration FIRST_TOKEN_LIFE = Duration.ofSeconds(3);

    private Api api;

    @BeforeAll
    static void installClient() throws Exception {
        RequiredTools.require(NodeClient.toolsAvailable(), "node and npm are not installed: the official client cannot run");
        NodeClient.install();
    }

    @BeforeEach
    void client() throws Exception {
        api = new Api(CLUSTER.cluster().a().base().toURL());
    }

    @Test
    void shouldServeTheOfficialClientOverWebSocketsThroughApiNegotiate() throws Exception {
        roundTrip("WebSockets", "negotiate", "WebSocketTransport");
    }

    @Test
    void shouldServeTheOfficialClientOverServerSentEventsThroughApiNegotiate() throws Exception {
        roundTrip("ServerSentEvents", "negotiate", "ServerSentEventsTransport");
    }

    @Test
    void shouldServeTheOfficialClientOverLongPollingThroughApiNegotiate() throws Exception {
        roundTrip("LongPolling", "negotiate", "LongPollingTransport");
    }

    @Test
    void shouldServeTheOfficialClientOverWebSocketsDirectly() throws Exception {
        roundTrip("WebSockets", "direct", "WebSocketTransport");
    }

    @Test
    void shouldServeTheOfficialClientOverServerSentEventsDirectly() throws Exception {
        roundTrip("ServerSentEvents", "direct", "ServerSentEventsTransport");
    }

    @Test
    void shouldServeTheOfficialClientOverLongPollingDirectly() throws Exception {
        roundTrip("LongPolling", "direct", "LongPollingTransport");
    }

    @Test
    void shouldDeliverTheTaskEventJsonAsTheOnlyArgument() throws Exception {
        long listId = api.createList("event json").getJsonNumber("id").longValue();
        long from = api.snapshot(listId).getJsonNumber("version").longValue();
        try (NodeClient client = start("WebSockets", "negotiate", listId, from)) {
            client.await("joined", 1, WAIT);
            long taskId = api.addTask(listId, "shape").getJsonNumber("id").longValue();

            JsonObject event = client.await("taskUpdate", 1, WAIT).getJsonObject("data");
            assertThat(event.keySet()).containsExactlyInAnyOrder("version", "action", "listId", "taskId", "task");
            assertThat(event.getJsonNumber("taskId").longValue()).isEqualTo(taskId);
            assertThat(event.getJsonObject("task").getString("title")).isEqualTo("shape");
        }
    }

    @Test
    void shouldFailAnInvocationForAnUnknownListWithoutDroppingTheConnection() throws Exception {
        long listId = api.createList("errors").getJsonNumber("id").longValue();
        try (NodeClient client = start("WebSockets", "direct", listId, null)) {
            client.await("joined", 1, WAIT);
            client.send("join-unknown");

            assertThat(client.await("invokeError", 1, WAIT).getString("message")).contains("does not exist");
            api.addTask(listId, "still connected");
            assertThat(client.await("taskUpdate", 1, WAIT).getJsonObject("data").getJsonObject("task").getString("title"))
                    .isEqualTo("still connected");
        }
    }

    /**
     * {@link #renewal} per transport, each a test of its own in the report. The three run at once, a thread each:
     * each mostly waits for its token to expire, and one after the other they took about 10 s of the cluster lane,
     * the longer lane of {@code mvn verify}.
     */
    @TestFactory
    Stream<DynamicTest> shouldCloseAnExpiredConnectionAndRenewItsToken() {
        Map<String, FutureTask<Void>> renewals = new LinkedHashMap<>();
        for (String transport : List.of("WebSockets", "ServerSentEvents", "LongPolling")) {
            FutureTask<Void> renewal = new FutureTask<>(() -> {
                renewal(transport);
                return null;
            });
            Thread thread = new Thread(renewal, "renewal over " + transport);
            thread.setDaemon(true);
            thread.start();
            renewals.put(transport, renewal);
        }
        return renewals.entrySet().stream().map(entry -> DynamicTest.dynamicTest("over " + entry.getKey(), () -> {
            // The report names a dynamic test by its index: the messages name the transport.
            try {
                // A bound above the scenario's own (its waits, each bounded, end it with a transcript first).
                entry.getValue().get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                throw new AssertionError("renewal over " + entry.getKey() + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                throw new AssertionError("renewal over " + entry.getKey() + " still running after 5 minutes", e);
            }
        }));
    }

    private NodeClient start(String transport, String mode, long listId, Long since, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--base", baseUrl(), "--list", Long.toString(listId), "--transport", transport,
                "--mode", mode));
        if (since != null) {
            arguments.addAll(List.of("--since", Long.toString(since)));
        }
        arguments.addAll(List.of(more));
        return NodeClient.start(arguments.toArray(String[]::new));
    }

    /**
     * The client's first token (signed here as the server would, but living {@link #FIRST_TOKEN_LIFE} to 1 s more,
     * and only once the client asks for it, so that its start-up does not eat into that time) expires while it is
     * joined: the server
     * closes the connection with an error that allows reconnecting; the client reports it, reconnects with a
     * token its {@code accessTokenFactory} fetches from {@code /api/negotiate}, rejoins from the last version
     * it saw and receives a later change.
     */
    private void renewal(String transport) throws Exception {
        long listId = api.createList("renewal " + transport).getJsonNumber("id").longValue();
        long from = api.snapshot(listId).getJsonNumber("version").longValue();
        try (NodeClient client = start(transport, "token", listId, from, "--token", "ask", "--reconnect", "true")) {
            client.await("tokenWanted", 1, WAIT);
            // A token's exp is in whole seconds: rounded up, so that the token lives at least FIRST_TOKEN_LIFE.
            Instant expires = Instant.now().plus(FIRST_TOKEN_LIFE).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            client.send("token " + ItTokens.sign("alice", api.base().resolve("hubs/tasks"), expires));
            client.await("joined", 1, WAIT);
            api.addTask(listId, "before expiry");
            client.await("taskUpdate", 1, WAIT);

            JsonObject reconnecting = client.await("reconnecting", 1, WAIT);
            JsonObject rejoined = client.await("joined", 2, WAIT).getJsonObject("result");
            api.addTask(listId, "after renewal");
            JsonObject live = client.await("taskUpdate", 2, WAIT).getJsonObject("data");

            assertThat(reconnecting.getString("error")).as(client.transcript())
                    .contains("Server returned an error on close: Unauthorized: the access token expired");
            List<String> sources = client.named("token").stream().map(token -> token.getString("source")).toList();
            assertThat(sources).as(client.transcript()).startsWith("given");
            assertThat(sources.subList(1, sources.size())).as("later tokens come from /api/negotiate; transcript:%n%s", client.transcript())
                    .isNotEmpty().containsOnly("negotiate");
            assertThat(rejoined.getJsonNumber("listId").longValue()).isEqualTo(listId);
            assertThat(title(live)).isEqualTo("after renewal");
            assertThat(client.named("closed")).as("reconnected, never closed; transcript:%n%s", client.transcript()).isEmpty();
        }
    }

    private String baseUrl() {
        String url = api.base().toString();
        return url.substring(0, url.length() - 1);
    }

    private void roundTrip(String transport, String mode, String transportClass) throws Exception {
        long listId = api.createList(transport + " " + mode).getJsonNumber("id").longValue();
        long from = api.snapshot(listId).getJsonNumber("version").longValue();
        try (NodeClient client = start(transport, mode, listId, from)) {
            assertThat(client.await("started", 1, WAIT).getString("transport")).as(client.transcript()).isEqualTo(transportClass);
            JsonObject joined = client.await("joined", 1, WAIT).getJsonObject("result");
            assertThat(joined.getJsonNumber("listId").longValue()).isEqualTo(listId);
            assertThat(joined.getBoolean("resync")).isFalse();

            api.addTask(listId, "via REST");
            JsonObject viaRest = client.await("taskUpdate", 1, WAIT).getJsonObject("data");
            insertWithPlainSql(listId, "via SQL");
            JsonObject viaSql = client.await("taskUpdate", 2, WAIT).getJsonObject("data");

            client.send("stop");
            client.await("stopped", 1, WAIT);
            api.addTask(listId, "while away");
            client.send("start");
            JsonObject rejoined = client.await("joined", 2, WAIT).getJsonObject("result");
            JsonObject missed = client.await("taskUpdate", 3, WAIT).getJsonObject("data");
            api.addTask(listId, "after rejoin");
            JsonObject live = client.await("taskUpdate", 4, WAIT).getJsonObject("data");

            assertThat(viaRest.getString("action")).isEqualTo("added");
            assertThat(viaRest.getJsonNumber("listId").longValue()).isEqualTo(listId);
            assertThat(title(viaRest)).isEqualTo("via REST");
            assertThat(title(viaSql)).isEqualTo("via SQL");
            assertThat(title(missed)).as("the change made while stopped is replayed").isEqualTo("while away");
            assertThat(title(live)).isEqualTo("after rejoin");
            assertThat(version(viaSql)).isGreaterThan(version(viaRest));
            assertThat(version(missed)).isGreaterThan(version(viaSql));
            // The join reports where the client now stands (docs/signalr.md): never below where it stood when it
            // stopped. Usually the missed task's version or later (a change of the list without an event: the
            // client's own presence leave, written asynchronously); below it when the join came before the poll that
            // reads the missed task (a busy machine, seen once), which then arrives live: either way it arrived once.
            assertThat(rejoined.getJsonNumber("version").longValue()).isGreaterThanOrEqualTo(version(viaSql));
            // Delivery is in order: had anything come twice, it would have come before this marker.
            api.addTask(listId, "marker");
            JsonObject marker = client.await("taskUpdate", 5, WAIT).getJsonObject("data");
            assertThat(title(marker)).as("nothing delivered twice; transcript:%n%s", client.transcript()).isEqualTo("marker");
            assertThat(client.named("taskUpdate")).hasSize(5);
        }
    }

    private static void insertWithPlainSql(long listId, String title) throws Exception {
        try (Connection jdbc = CLUSTER.cluster().database().connect();
             PreparedStatement insert = jdbc.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
            insert.setLong(1, listId);
            insert.setString(2, title);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static String title(JsonObject event) {
        return event.getJsonObject("task").getString("title");
    }

    private static long version(JsonObject event) {
        return event.getJsonNumber("version").longValue();
    }
}
