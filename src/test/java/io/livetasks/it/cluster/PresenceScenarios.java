package io.livetasks.it.cluster;

import static io.livetasks.it.cluster.Feeds.WAIT;
import static io.livetasks.it.cluster.Feeds.api;
import static io.livetasks.it.cluster.Feeds.newList;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Presence across instances on one database (docs/presence.md): alice views a list through instance a, bob
 * through instance b; each sees the other appear and leave within a poll, a non-member sees nothing of it on
 * any path, and the viewers of an instance cut off from the database disappear once its heartbeat is older
 * than the TTL (the cluster heart-beats every {@link #HEARTBEAT}).
 */
abstract class PresenceScenarios {

    private static final String RS = "\u001e";
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;
    /** The cluster's LIVETASKS_PRESENCE_HEARTBEAT_SECONDS (see {@link Cluster}); gone instances expire after 3 of them. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(Cluster.PRESENCE_HEARTBEAT_SECONDS);

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    private static Set<String> viewers(JsonObject presence) {
        Set<String> users = new TreeSet<>();
        for (JsonValue viewer : presence.getJsonArray("viewers")) {
            users.add(viewer.asJsonObject().getString("user"));
        }
        return users;
    }

    /** The next {@code presence} event of the SSE stream whose viewers are exactly {@code expected}, or fails. */
    private static JsonObject awaitPresence(SseClient sse, long listId, Duration timeout, String... expected)
            throws InterruptedException {
        Set<String> wanted = new TreeSet<>(List.of(expected));
        List<String> seen = new ArrayList<>();
        SseClient.Event event = sse.nextMatching(e -> {
            if (!e.name().equals("presence")) {
                return false;
            }
            JsonObject presence = Api.object(e.data());
            seen.add(e.data());
            assertThat(e.id()).as("presence is state, never a resume cursor: no id").isNull();
            return presence.getJsonNumber("listId").longValue() == listId && viewers(presence).equals(wanted);
        }, timeout);
        assertThat(event).as("presence %s of list %d on the SSE stream (seen: %s)", wanted, listId, seen).isNotNull();
        return Api.object(event.data());
    }

    /** The next presence frame of the plain WebSocket whose viewers are exactly {@code expected}, or fails. */
    private static JsonObject awaitPresence(WsClient ws, long listId, String... expected) throws InterruptedException {
        Set<String> wanted = new TreeSet<>(List.of(expected));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String frame = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame == null) {
                break;
            }
            JsonObject json = Api.object(frame);
            if ("presence".equals(json.getString("action", null))) {
                seen.add(frame);
                if (json.getJsonNumber("listId").longValue() == listId && viewers(json).equals(wanted)) {
                    return json;
                }
            }
        }
        throw new AssertionError("No presence " + wanted + " of list " + listId + " on the WebSocket; seen: " + seen);
    }

    /** A plain SSE stream of the list that asks for presence events. */
    private static SseClient sse(LibertyServer server, long listId, User user) throws Exception {
        return SseClient.open(server.base().resolve("api/lists/" + listId + "/events?presence=true"), null, user);
    }

    /** A plain WebSocket of the list that asks for presence events. */
    private static WsClient ws(LibertyServer server, long listId, User user) throws Exception {
        return WsClient.connect(server.base().resolve("ws/lists/" + listId + "?presence=true"), user);
    }

    private static long sharedList(Cluster cluster, String name) {
        long listId = newList(cluster.a(), name);
        api(cluster.a()).share(listId, User.BOB, "writer");
        return listId;
    }

    @Test
    void shouldShowEachViewerToTheOtherAcrossInstancesAndNothingToANonMember() throws Exception {
        Cluster cluster = cluster();
        long listId = sharedList(cluster, "viewed together");
        User outsider = User.ADMIN; // signed in, not a member of the list
        long outsidersList = api(cluster.b()).as(outsider).createList("outsider's own").getJsonNumber("id").longValue();
        List<String> outsiderFrames = new ArrayList<>();
        try (SseClient bob = sse(cluster.b(), listId, User.BOB);
             SseClient bobWithoutPresence = Feeds.sse(cluster.b(), listId, null, User.BOB);
             WsClient hub = WsClient.connect(cluster.b().base().resolve("hubs/tasks"), outsider)) {
            hub.send(HANDSHAKE);
            assertThat(hub.next(WAIT)).as("handshake answer").isEqualTo("{}" + RS);
            hub.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinList\",\"arguments\":[" + outsidersList + "]}" + RS);
            hub.send("{\"type\":1,\"invocationId\":\"2\",\"target\":\"JoinList\",\"arguments\":[" + listId + "]}" + RS);
            awaitPresence(bob, listId, WAIT, "bob");

            try (WsClient alice = ws(cluster.a(), listId, User.ALICE)) {
                awaitPresence(bob, listId, WAIT, "alice", "bob");
                JsonObject seenByAlice = awaitPresence(alice, listId, "alice", "bob");
                assertThat(seenByAlice.getJsonArray("viewers").getJsonObject(0).getString("since")).isNotBlank();

                HttpResponse<String> snapshot = api(cluster.b()).as(User.BOB).get("api/lists/" + listId + "/presence");
                assertThat(snapshot.statusCode()).isEqualTo(200);
                assertThat(viewers(Api.object(snapshot.body()))).containsExactly("alice", "bob");
                HttpResponse<String> refused = api(cluster.a()).as(outsider).get("api/lists/" + listId + "/presence");
                assertThat(refused.statusCode()).as("as reading the list: a non-member learns nothing").isEqualTo(404);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
            }
            awaitPresence(bob, listId, WAIT, "bob");
            api(cluster.a()).addTask(listId, "after the viewers came and went");
            List<String> withoutPresence = new ArrayList<>();
            SseClient.Event task = bobWithoutPresence.nextMatching(e -> {
                withoutPresence.add(e.name());
                return e.name().equals("taskUpdate");
            }, WAIT);
            assertThat(task).as("the task event").isNotNull();
            assertThat(withoutPresence).as("a stream that did not ask for presence gets none").doesNotContain("presence");

            for (String frame = hub.next(Duration.ofMillis(500)); frame != null; frame = hub.next(Duration.ofMillis(500))) {
                outsiderFrames.add(frame);
            }
        }
        assertThat(String.join("\n", outsiderFrames)).as("the outsider's join of the list was refused")
                .contains("\"invocationId\":\"2\"").contains("\"error\"");
        assertThat(outsiderFrames).as("the outsider hears of their own list's viewers only")
                .noneMatch(frame -> frame.contains("\"target\":\"presence\"") && frame.contains("\"listId\":" + listId + ","))
                .anyMatch(frame -> frame.contains("\"target\":\"presence\"") && frame.contains("\"listId\":" + outsidersList + ","));
    }

    @Test
    void shouldDropTheViewersOfAnInstanceCutOffFromTheDatabaseOnceItsHeartbeatExpires() throws Exception {
        Cluster cluster = cluster();
        long listId = sharedList(cluster, "viewed, then cut off");
        try (SseClient bob = sse(cluster.b(), listId, User.BOB);
             WsClient alice = ws(cluster.a(), listId, User.ALICE)) {
            awaitPresence(bob, listId, WAIT, "alice", "bob");

            cluster.proxyOf(cluster.a()).cut();
            try {
                // Three heartbeats without one from a, then b's next heartbeat expires a's rows, then b's poll.
                awaitPresence(bob, listId, HEARTBEAT.multipliedBy(5).plus(WAIT), "bob");
            } finally {
                cluster.proxyOf(cluster.a()).restore();
            }
            // Back on the database, a finds its heartbeat gone and writes its viewers again.
            awaitPresence(bob, listId, Cluster.FAILED_POLL_BOUND.multipliedBy(2).plus(WAIT), "alice", "bob");
        }
    }
}
