package io.livetasks.it.cluster;

import static io.livetasks.it.cluster.Feeds.WAIT;
import static io.livetasks.it.cluster.Feeds.addTask;
import static io.livetasks.it.cluster.Feeds.events;
import static io.livetasks.it.cluster.Feeds.frames;
import static io.livetasks.it.cluster.Feeds.insertInOneTransaction;
import static io.livetasks.it.cluster.Feeds.newList;
import static io.livetasks.it.cluster.Feeds.sse;
import static io.livetasks.it.cluster.Feeds.version;
import static io.livetasks.it.cluster.Feeds.ws;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An instance restarts while others keep writing: its clients come back and resume with nothing lost. */
abstract class ServerRestartScenarios {

    private static final String RS = "\u001e";
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;

    private static int drain(LibertyServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base().resolve("internal/drain"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * The next SignalR Close record (type 7), or null (a frame may carry several records). Pings and invocations
     * are passed over: alice's connection also hears {@code memberUpdate} for the list she just created, when
     * this instance's poller publishes it after the connection opened.
     */
    private static String nextClose(WsClient hub) throws InterruptedException {
        for (String frame = hub.next(WAIT); frame != null; frame = hub.next(WAIT)) {
            for (String record : frame.split(RS)) {
                if (record.startsWith("{\"type\":7")) {
                    return record;
                }
            }
        }
        return null;
    }

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    @Test
    void shouldResumeClientsOfARestartedServerWithNothingLostAndNothingRepeated() throws Exception {
        Cluster cluster = cluster();
        LibertyServer b = cluster.b();
        long listId = newList(cluster.a(), "restart");
        long since = version(cluster.a(), listId);
        long wsCursor;
        String sseCursor;
        try (WsClient ws = ws(b, listId, since); SseClient sse = sse(b, listId, since);
             WsClient hub = WsClient.connect(b.base().resolve("hubs/tasks"))) {
            // SignalR over WebSockets without negotiation (skipNegotiation), signed in with Basic credentials.
            hub.send(HANDSHAKE);
            assertThat(hub.next(WAIT)).as("handshake answer").isEqualTo("{}" + RS);
            addTask(cluster.a(), listId, "before the restart");
            wsCursor = Feeds.version(frames(ws, 1).get(0));
            sseCursor = events(sse, 1).get(0).id();

            // What the Kubernetes preStop hook does before the server stops (deploy/kubernetes/deployment.yaml):
            // Liberty 26.0.0.3 drops open connections in its shutdown quiesce, before the application could speak.
            assertThat(drain(b)).as("drain from this machine").isEqualTo(204);
            assertThat(nextClose(hub)).as("SignalR is told to reconnect")
                    .contains("\"type\":7").contains("\"allowReconnect\":true");
            // The application says it restarts (1012 Service Restart) before Liberty's shutdown drops the connection.
            assertThat(ws.closeCode(WAIT)).as("the WebSocket is told the service restarts").isEqualTo(1012);
            assertThat(Feeds.awaitEnded(sse)).as("and its SSE streams").isTrue();
            b.stop();
        } catch (Throwable failure) {
            // A drained instance refuses every new connection until it restarts: stop it, so that the next
            // test's Cluster.heal starts it again instead of every later cluster test failing too.
            b.stop();
            throw failure;
        }
        addTask(cluster.a(), listId, "while b is down");
        insertInOneTransaction(cluster.database(), listId, "plain sql while b is down", 2);
        b.start();
        addTask(cluster.a(), listId, "after b is back");

        try (WsClient ws = ws(b, listId, wsCursor); SseClient sse = sse(b, listId, Long.parseLong(sseCursor))) {
            List<JsonObject> overWs = frames(ws, 4);
            List<SseClient.Event> overSse = events(sse, 4);

            assertThat(overWs).extracting(Feeds::title).containsExactly("while b is down", "plain sql while b is down-0",
                    "plain sql while b is down-1", "after b is back");
            assertThat(overWs).extracting(Feeds::version).isSorted().allMatch(v -> v > wsCursor);
            assertThat(overSse).extracting(e -> Api.object(e.data())).isEqualTo(overWs);
            assertThat(ws.next(Duration.ofMillis(500))).as("nothing at or below the resume point, nothing twice").isNull();
            assertThat(sse.next(Duration.ZERO)).isNull();
        }
    }
}
