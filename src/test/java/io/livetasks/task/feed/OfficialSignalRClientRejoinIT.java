package io.livetasks.task.feed;

import static org.awaitility.Awaitility.await;
import io.livetasks.testing.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.AdminMetrics;
import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.NodeClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A SignalR client of the official {@code @microsoft/signalr} package that was away while a list changed
 * several times more often than its connection's queue holds, rejoins the list from the last version it
 * saw, and gets every missed change, in order, and stays connected: a replay is not live traffic, so it
 * does not count against the slow-consumer limit. (It used to: each joined list forwarded its replay into
 * the connection as live messages, and such a client was dropped on every retry.) Once per transport.
 */
@ExtendWith(ArquillianExtension.class)
class OfficialSignalRClientRejoinIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The outbound queue capacity of the integration-test server (pom: it.queue.capacity). */
    private static final int CAPACITY = Integer.getInteger("it.queue.capacity", 1000);
    /** Changes per transaction: a version with several changes, and many versions. */
    private static final int PER_VERSION = 10;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeAll
    static void installClient() throws Exception {
        RequiredTools.require(NodeClient.toolsAvailable(), "node and npm are not installed: the official client cannot run");
        NodeClient.install();
    }

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void shouldReceiveEveryMissedChangeOnRejoinOverWebSockets() throws Exception {
        rejoinAfterManyChanges("WebSockets");
    }

    @Test
    void shouldReceiveEveryMissedChangeOnRejoinOverServerSentEvents() throws Exception {
        rejoinAfterManyChanges("ServerSentEvents");
    }

    @Test
    void shouldReceiveEveryMissedChangeOnRejoinOverLongPolling() throws Exception {
        rejoinAfterManyChanges("LongPolling");
    }

    private void rejoinAfterManyChanges(String transport) throws Exception {
        int missed = 4 * CAPACITY;
        long listId = api.createList("rejoin " + transport).getJsonNumber("id").longValue();
        long from = api.snapshot(listId).getJsonNumber("version").longValue();
        try (NodeClient client = NodeClient.start("--base", baseUrl(), "--list", Long.toString(listId),
                "--transport", transport, "--mode", "direct", "--since", Long.toString(from))) {
            client.await("joined", 1, WAIT);
            api.addTask(listId, "before");
            long seen = client.await("taskUpdate", 1, WAIT).getJsonObject("data").getJsonNumber("version").longValue();
            client.send("stop");
            client.await("stopped", 1, WAIT);
            int closesWhileAway = client.named("closed").size();

            insertWithPlainSql(listId, missed);
            awaitPublished(api.snapshot(listId).getJsonNumber("version").longValue());
            client.send("start");

            JsonObject rejoined = client.await("joined", 2, WAIT).getJsonObject("result");
            client.await("taskUpdate", 1 + missed, WAIT);
            api.addTask(listId, "after rejoin");
            JsonObject live = client.await("taskUpdate", 2 + missed, WAIT).getJsonObject("data");

            List<JsonObject> replayed = client.named("taskUpdate").subList(1, 1 + missed).stream()
                    .map(event -> event.getJsonObject("data")).toList();
            assertThat(rejoined.getBoolean("resync")).isFalse();
            assertThat(replayed).extracting(OfficialSignalRClientRejoinIT::title)
                    .as("every missed change, in order; transcript tail:%n%s", tail(client))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, missed).mapToObj(i -> "missed " + i).toList());
            assertThat(replayed).extracting(event -> event.getJsonNumber("version").longValue())
                    .isSorted().allSatisfy(version -> assertThat(version).isGreaterThan(seen));
            assertThat(title(live)).isEqualTo("after rejoin");
            assertThat(client.named("closed")).as("still connected; transcript tail:%n%s", tail(client)).hasSize(closesWhileAway);
            assertThat(client.named("taskUpdate")).hasSize(2 + missed);
        }
    }

    /** {@code count} tasks in transactions of {@link #PER_VERSION}, as a batch job would write them. */
    private static void insertWithPlainSql(long listId, int count) throws Exception {
        try (Connection jdbc = ItDatabase.connect();
             PreparedStatement insert = jdbc.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
            jdbc.setAutoCommit(false);
            for (int i = 1; i <= count; i++) {
                insert.setLong(1, listId);
                insert.setString(2, "missed " + i);
                insert.executeUpdate();
                if (i % PER_VERSION == 0 || i == count) {
                    jdbc.commit();
                }
            }
        }
    }

    /**
     * Waits until the server's change feed has published {@code version} ({@code livetasks_feed_version} at
     * {@code /metrics}), so the missed changes reach the rejoining client as a replay rather than as live changes.
     */
    private void awaitPublished(long version) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(
                (long) AdminMetrics.get(AdminMetrics.itServer(), "application").value("livetasks_feed_version"))
                .as("version published by the change feed").isGreaterThanOrEqualTo(version));
    }

    private String baseUrl() {
        String url = api.base().toString();
        return url.substring(0, url.length() - 1);
    }

    private static String title(JsonObject event) {
        return event.getJsonObject("task").getString("title");
    }

    private static String tail(NodeClient client) {
        String transcript = client.transcript();
        return transcript.substring(Math.max(0, transcript.length() - 4000));
    }
}
