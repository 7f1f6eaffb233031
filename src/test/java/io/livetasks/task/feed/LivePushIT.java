package io.livetasks.task.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.SseClient;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changes reach real WebSocket and SSE clients, whoever wrote them, on the real server and database. */
@ExtendWith(ArquillianExtension.class)
class LivePushIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    private long newList(String name) {
        return api.createList(name).getJsonNumber("id").longValue();
    }

    private long version(long listId) {
        return api.snapshot(listId).getJsonNumber("version").longValue();
    }

    @Test
    void shouldPushAnAddedTaskToAWebSocket() throws Exception {
        long listId = newList("ws");
        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + version(listId)))) {
            long taskId = api.addTask(listId, "pushed over ws").getJsonNumber("id").longValue();

            JsonObject event = Api.object(ws.next(WAIT));
            assertThat(event.getString("action")).isEqualTo("added");
            assertThat(event.getJsonNumber("listId").longValue()).isEqualTo(listId);
            assertThat(event.getJsonNumber("taskId").longValue()).isEqualTo(taskId);
            assertThat(event.getJsonObject("task").getString("title")).isEqualTo("pushed over ws");
            assertThat(event.getJsonNumber("version").longValue()).isPositive();
        }
    }

    @Test
    void shouldSendSseKeepAlivesAnEventSourceSeesCarryingTheVersionDeliveredCompletelyAlsoOnAQuietList() throws Exception {
        long quiet = newList("quiet sse");
        long busy = newList("busy");
        try (SseClient sse = SseClient.open(api.base().resolve("api/lists/" + quiet + "/events?since=" + version(quiet)), null)) {
            api.addTask(busy, "a change of another list");
            long written = version(busy);

            SseClient.Event alive;
            do {
                alive = sse.nextKeepAlive(WAIT); // every second on the IT server
                assertThat(alive).as("a keep-alive event").isNotNull();
            } while (Api.object(alive.data()).getJsonNumber("version").longValue() < written);

            JsonObject data = Api.object(alive.data());
            assertThat(data.getString("action")).isEqualTo("keepAlive");
            assertThat(data.getJsonNumber("listId").longValue()).isEqualTo(quiet);
            assertThat(alive.id()).as("a safe resume point").isEqualTo(String.valueOf(data.getJsonNumber("version").longValue()));
            assertThat(sse.next(Duration.ofMillis(100))).as("nothing of the other list").isNull();
        }
    }

    @Test
    void shouldSendWebSocketKeepAlivesAsJsonWithTheVersionDelivered() throws Exception {
        long listId = newList("ws keep-alive");
        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + version(listId)))) {
            api.addTask(listId, "before the keep-alive");
            JsonObject added = Api.object(ws.next(WAIT));

            JsonObject alive;
            do {
                String frame = ws.nextKeepAlive(WAIT);
                assertThat(frame).as("a keep-alive frame").isNotNull();
                alive = Api.object(frame);
            } while (alive.getJsonNumber("version").longValue() < added.getJsonNumber("version").longValue());

            assertThat(alive.getString("action")).isEqualTo("keepAlive");
            assertThat(alive.getJsonNumber("listId").longValue()).isEqualTo(listId);
        }
    }

    @Test
    void shouldPushEveryKindOfChangeToAnSseStreamWithVersionIds() throws Exception {
        long listId = newList("sse");
        try (SseClient sse = SseClient.open(api.base().resolve("api/lists/" + listId + "/events?since=" + version(listId)), null)) {
            long taskId = api.addTask(listId, "pushed over sse").getJsonNumber("id").longValue();
            SseClient.Event added = sse.next(WAIT);
            api.send("PATCH", "api/tasks/" + taskId, "{\"title\":\"renamed\"}");
            SseClient.Event updated = sse.next(WAIT);
            api.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}");
            SseClient.Event completed = sse.next(WAIT);
            api.send("DELETE", "api/tasks/" + taskId, null);
            SseClient.Event deleted = sse.next(WAIT);

            assertThat(added.name()).isEqualTo("taskUpdate");
            assertThat(Api.object(added.data()).getString("action")).isEqualTo("added");
            assertThat(added.id()).isEqualTo(Long.toString(Api.object(added.data()).getJsonNumber("version").longValue()));
            assertThat(Api.object(updated.data()).getJsonObject("task").getString("title")).isEqualTo("renamed");
            assertThat(Api.object(updated.data()).getString("action")).isEqualTo("updated");
            assertThat(Api.object(completed.data()).getString("action")).isEqualTo("completed");
            assertThat(Api.object(completed.data()).getJsonObject("task").getBoolean("completed")).isTrue();
            assertThat(Api.object(deleted.data()).getString("action")).isEqualTo("deleted");
            assertThat(Api.object(deleted.data()).isNull("task")).isTrue();
            assertThat(Long.parseLong(deleted.id())).isGreaterThan(Long.parseLong(completed.id()));
        }
    }

    @Test
    void shouldPushAPlainSqlWriteFromAnotherConnection() throws Exception {
        long listId = newList("dba");
        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + version(listId)));
             SseClient sse = SseClient.open(api.base().resolve("api/lists/" + listId + "/events?since=" + version(listId)), null);
             Connection jdbc = ItDatabase.connect();
             PreparedStatement insert = jdbc.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
            insert.setLong(1, listId);
            insert.setString(2, "written by a DBA");
            assertThat(insert.executeUpdate()).isEqualTo(1);

            JsonObject overWs = Api.object(ws.next(WAIT));
            JsonObject overSse = Api.object(sse.next(WAIT).data());
            assertThat(overWs.getJsonObject("task").getString("title")).isEqualTo("written by a DBA");
            assertThat(overWs).isEqualTo(overSse);
        }
    }

    @Test
    void shouldPushMembershipsWrittenWithPlainSqlOnTheirOwnTarget() throws Exception {
        long listId = newList("members");
        long other = newList("not this one");
        try (SseClient sse = SseClient.open(api.base().resolve("api/lists/" + listId + "/events?since=" + version(listId)), null);
             WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + version(listId)));
             Connection jdbc = ItDatabase.connect()) {
            member(jdbc, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, 'reader')", other, "carol");
            member(jdbc, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, 'reader')", listId, "bob");
            SseClient.Event added = sse.next(WAIT);
            // Only now: written before the insert was polled, the delete would coalesce with it (net change).
            member(jdbc, "DELETE FROM list_member WHERE list_id = ? AND user_name = ?", listId, "bob");
            SseClient.Event removed = sse.next(WAIT);
            assertThat(added.name()).isEqualTo("memberUpdate");
            assertThat(Api.object(added.data()).getString("action")).isEqualTo("added");
            assertThat(Api.object(added.data()).getString("user")).isEqualTo("bob");
            assertThat(Api.object(added.data()).getString("role")).isEqualTo("reader");
            assertThat(Api.object(added.data()).getJsonNumber("listId").longValue()).isEqualTo(listId);
            assertThat(removed.name()).isEqualTo("memberUpdate");
            assertThat(Api.object(removed.data()).getString("action")).isEqualTo("removed");
            assertThat(Api.object(removed.data()).isNull("role")).isTrue();
            assertThat(Api.object(ws.next(WAIT))).isEqualTo(Api.object(added.data()));
            assertThat(Api.object(ws.next(WAIT))).isEqualTo(Api.object(removed.data()));
        }
    }

    @Test
    void shouldReplayOnlyTheResumedListsTasksAndMemberships() throws Exception {
        long listId = newList("resume-members");
        long other = newList("resume-members-other");
        long from = version(listId);
        try (Connection jdbc = ItDatabase.connect()) {
            member(jdbc, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, 'writer')", listId, "dave");
            member(jdbc, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, 'writer')", other, "erin");
        }
        api.addTask(other, "other list");
        api.addTask(listId, "this list");

        try (SseClient sse = SseClient.open(api.base().resolve("api/lists/" + listId + "/events"), Long.toString(from))) {
            SseClient.Event membership = sse.next(WAIT);
            SseClient.Event task = sse.next(WAIT);
            assertThat(membership.name()).isEqualTo("memberUpdate");
            assertThat(Api.object(membership.data()).getString("user")).isEqualTo("dave");
            assertThat(task.name()).isEqualTo("taskUpdate");
            assertThat(Api.object(task.data()).getJsonObject("task").getString("title")).isEqualTo("this list");
        }
    }

    private static void member(Connection jdbc, String sql, long listId, String user) throws Exception {
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            statement.setLong(1, listId);
            statement.setString(2, user);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void shouldReplayMissedChangesToAnSseClientResumingWithLastEventId() throws Exception {
        long listId = newList("resume-sse");
        long from = version(listId);
        api.addTask(listId, "first");
        api.addTask(listId, "second");

        try (SseClient sse = SseClient.open(api.base().resolve("api/lists/" + listId + "/events"), Long.toString(from))) {
            SseClient.Event first = sse.next(WAIT);
            SseClient.Event second = sse.next(WAIT);
            assertThat(Api.object(first.data()).getJsonObject("task").getString("title")).isEqualTo("first");
            assertThat(Api.object(second.data()).getJsonObject("task").getString("title")).isEqualTo("second");

            try (SseClient resumed = SseClient.open(api.base().resolve("api/lists/" + listId + "/events"), first.id())) {
                SseClient.Event replayed = resumed.next(WAIT);
                assertThat(replayed.id()).isEqualTo(second.id());
                assertThat(resumed.next(Duration.ofMillis(500))).as("nothing at or below the resume point again").isNull();
            }
        }
    }

    @Test
    void shouldReplayMissedChangesToAWebSocketResumingWithSince() throws Exception {
        long listId = newList("resume-ws");
        long from = version(listId);
        api.addTask(listId, "missed");

        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + from))) {
            assertThat(Api.object(ws.next(WAIT)).getJsonObject("task").getString("title")).isEqualTo("missed");
        }
    }

    @Test
    void shouldCloseAWebSocketForAnUnknownList() throws Exception {
        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/987654321"))) {
            assertThat(ws.closeCode(WAIT)).isEqualTo(ListSocket.UNKNOWN_LIST);
        }
    }

    @Test
    void shouldAnswer404ProblemForTheEventsOfAnUnknownList() {
        var response = api.send("GET", "api/lists/987654321/events", null, "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
