package io.livetasks.it.cluster;

import org.awaitility.core.ConditionTimeoutException;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.net.MalformedURLException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Small helpers the cluster tests share: the API of an instance, subscriptions, plain SQL writes. Unless a
 * user is given, everything is done as {@link User#ALICE} (HTTP Basic).
 */
public final class Feeds {

    /**
     * How long any single expected event may take to arrive: a bound for a stuck test, not a speed requirement (a
     * wait ends as soon as the event is there). Generous, because the cluster classes run beside the browser tests
     * on two cores (pom.xml, it.parallel).
     */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private Feeds() {
    }

    public static Api api(LibertyServer server) {
        try {
            return new Api(server.base().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static long newList(LibertyServer server, String name) {
        return api(server).createList(name).getJsonNumber("id").longValue();
    }

    /** The version of a fresh snapshot of the list. */
    public static long version(LibertyServer server, long listId) {
        return api(server).snapshot(listId).getJsonNumber("version").longValue();
    }

    public static long addTask(LibertyServer server, long listId, String title) {
        return api(server).addTask(listId, title).getJsonNumber("id").longValue();
    }

    public static URI wsUri(LibertyServer server, long listId, Long since) {
        return server.base().resolve("ws/lists/" + listId + (since == null ? "" : "?since=" + since));
    }

    /** A WebSocket of the list as {@link User#ALICE}, who creates the lists of the cluster tests. */
    public static WsClient ws(LibertyServer server, long listId, Long since) throws Exception {
        return ws(server, listId, since, User.ALICE);
    }

    public static WsClient ws(LibertyServer server, long listId, Long since, User user) throws Exception {
        return WsClient.connect(wsUri(server, listId, since), user);
    }

    /** An SSE stream of the list as {@link User#ALICE}, who creates the lists of the cluster tests. */
    public static SseClient sse(LibertyServer server, long listId, Long lastEventId) throws Exception {
        return sse(server, listId, lastEventId, User.ALICE);
    }

    public static SseClient sse(LibertyServer server, long listId, Long lastEventId, User user) throws Exception {
        return SseClient.open(server.base().resolve("api/lists/" + listId + "/events"),
                lastEventId == null ? null : Long.toString(lastEventId), user);
    }

    /** The next {@code count} frames of a WebSocket, as JSON; fails when one does not come in time. */
    public static List<JsonObject> frames(WsClient ws, int count) throws InterruptedException {
        List<JsonObject> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String frame = ws.next(WAIT);
            assertThat(frame).as("frame %d of %d (last: %s)", i + 1, count, last(frames)).isNotNull();
            frames.add(Api.object(frame));
        }
        return frames;
    }

    /** The next {@code count} events of an SSE stream; fails when one does not come in time. */
    public static List<SseClient.Event> events(SseClient sse, int count) throws InterruptedException {
        List<SseClient.Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SseClient.Event event = sse.next(WAIT);
            assertThat(event).as("event %d of %d (last: %s)", i + 1, count, last(events)).isNotNull();
            events.add(event);
        }
        return events;
    }

    /** The last element, shortened, for failure messages that must stay readable. */
    private static String last(List<?> received) {
        if (received.isEmpty()) {
            return "none";
        }
        String text = received.get(received.size() - 1).toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Waits (bounded) until the server has ended the stream. */
    public static boolean awaitEnded(SseClient sse) throws InterruptedException {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(sse::isEnded);
        } catch (ConditionTimeoutException e) {
            // Not ended: the caller's assertion says what it expected.
        }
        return sse.isEnded();
    }

    public static long version(JsonObject event) {
        return event.getJsonNumber("version").longValue();
    }

    public static String title(JsonObject event) {
        // No task member at all: not a task event (a member event, say); the caller's assertion shows the frame.
        return !event.containsKey("task") || event.isNull("task") ? null : event.getJsonObject("task").getString("title");
    }

    /** Inserts {@code rows} tasks into the list in one transaction (one version), titled prefix-0, prefix-1, ... */
    public static void insertInOneTransaction(ClusterDatabase database, long listId, String prefix, int rows) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setLong(1, listId);
                    insert.setString(2, prefix + "-" + i);
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    /** Waits until every instance has published up to {@code version} (its readiness data says so). */
    public static void awaitPublished(Cluster cluster, long version) throws InterruptedException {
        for (LibertyServer server : cluster.servers()) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(Readiness.of(server).version())
                    .as("%s published up to", server.name()).isGreaterThanOrEqualTo(version));
        }
    }
}
