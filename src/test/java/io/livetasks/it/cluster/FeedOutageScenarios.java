package io.livetasks.it.cluster;

import static org.awaitility.Awaitility.await;
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
import io.livetasks.it.User;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One instance loses its database for a while: it says so (readiness, one log line) and then catches up. */
abstract class FeedOutageScenarios {

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    private static final String UNREACHABLE = "Change feed unreachable";
    private static final String REACHABLE_AGAIN = "Change feed reachable again";

    @Test
    void shouldBeNotReadyDuringAnOutageLogItOnceAndDeliverEveryChangeMadeMeanwhile() throws Exception {
        Cluster cluster = cluster();
        LibertyServer b = cluster.b();
        long listId = newList(cluster.a(), "outage");
        long since = version(cluster.a(), listId);
        int unreachableBefore = b.logLines(UNREACHABLE).size();
        int reachableBefore = b.logLines(REACHABLE_AGAIN).size();

        try (WsClient ws = ws(b, listId, since); SseClient sse = sse(b, listId, since)) {
            // A client's handshake can complete before the server has checked membership and subscribed it
            // (both read the database): one event through each stream proves they are live before the cut.
            addTask(cluster.a(), listId, "before the outage");
            assertThat(frames(ws, 1)).extracting(Feeds::title).containsExactly("before the outage");
            assertThat(events(sse, 1)).hasSize(1);
            cluster.proxyOf(b).cut();
            Readiness down = awaitReadiness(b, false);
            try (WsClient late = ws(b, listId, since)) {
                assertThat(late.closeCode(WAIT)).as("a WebSocket opened during the outage is told to come back later")
                        .isEqualTo(1013);
            }
            assertThat(SseClient.attempt(b.base().resolve("api/lists/" + listId + "/events"), null, User.ALICE).statusCode())
                    .as("an SSE stream asked for during the outage is refused, not left silent").isEqualTo(503);
            addTask(cluster.a(), listId, "through a during the outage");
            insertInOneTransaction(cluster.database(), listId, "plain sql during the outage", 2);
            addTask(cluster.a(), listId, "again through a");
            Readiness stillDown = awaitFailures(b, down.failures() + 2);
            assertThat(stillDown.status()).isEqualTo(503);
            assertThat(stillDown.failures()).as("the poller keeps trying").isGreaterThan(down.failures());

            cluster.proxyOf(b).restore();
            awaitReadiness(b, true);

            List<JsonObject> overWs = frames(ws, 4);
            List<JsonObject> overSse = events(sse, 4).stream().map(e -> Api.object(e.data())).toList();
            assertThat(overWs).extracting(Feeds::title).containsExactly("through a during the outage",
                    "plain sql during the outage-0", "plain sql during the outage-1", "again through a");
            assertThat(overWs).extracting(Feeds::version).isSorted().allMatch(v -> v > since);
            assertThat(overSse).isEqualTo(overWs);
            assertThat(ws.next(Duration.ofMillis(500))).isNull();
        }
        awaitLogLines(b, REACHABLE_AGAIN, reachableBefore + 1);
        assertThat(b.logLines(UNREACHABLE)).as("one warning per outage, not one per poll").hasSize(unreachableBefore + 1);
        assertThat(b.logLines(REACHABLE_AGAIN)).hasSize(reachableBefore + 1);
        assertThat(Readiness.of(cluster.a()).up()).as("the other instance was never affected").isTrue();
    }

    /** Bounded by the instances' database timeouts: going DOWN takes one failed poll, coming back one good one. */
    private static Readiness awaitReadiness(LibertyServer server, boolean up) {
        Readiness readiness = await(server.name() + (up ? " ready" : " not ready"))
                .atMost(Cluster.FAILED_POLL_BOUND.multipliedBy(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> Readiness.of(server), r -> r.up() == up);
        assertThat(readiness.up()).as("%s ready", server.name()).isEqualTo(up);
        assertThat(readiness.status()).isEqualTo(up ? 200 : 503);
        return readiness;
    }

    /** Waits until the poller of a server has failed at least {@code failures} times in all, bounded by the timeouts. */
    private static Readiness awaitFailures(LibertyServer server, long failures) throws InterruptedException {
        long more = Math.max(1, failures - Readiness.of(server).failures());
        return await(server.name() + " failed " + failures + " polls in all")
                .atMost(Cluster.FAILED_POLL_BOUND.multipliedBy(more + 1)).pollInterval(Duration.ofMillis(100))
                .until(() -> Readiness.of(server), r -> r.failures() >= failures);
    }

    private static void awaitLogLines(LibertyServer server, String text, int count) {
        await(count + " lines '" + text + "' in " + server.messagesLog()).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> server.logLines(text).size() >= count);
    }
}
