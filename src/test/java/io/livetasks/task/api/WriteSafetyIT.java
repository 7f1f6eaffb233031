package io.livetasks.task.api;

import static io.livetasks.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes that never get lost or applied twice (docs/writes.md), on the real server and database: ETag and
 * If-Match between two users, a DBA's plain SQL changing the ETag, Idempotency-Key retries after a lost
 * answer, and X-Change-Version against the version at which the change arrives on the list's stream.
 */
@ExtendWith(ArquillianExtension.class)
class WriteSafetyIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api alice;
    private Api bob;

    @BeforeEach
    void clients() {
        alice = new Api(base);
        bob = alice.as(User.BOB);
    }

    private static long id(JsonObject object) {
        return object.getJsonNumber("id").longValue();
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.headers()));
    }

    private static long changeVersion(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-Change-Version")
                .orElseThrow(() -> new AssertionError("no X-Change-Version: " + response.headers())));
    }

    private static String title(String title) {
        return Api.JSON.createObjectBuilder().add("title", title).build().toString();
    }

    /** A list of alice's that bob may change too. */
    private long sharedList() {
        long listId = id(alice.createList("Shared " + UUID.randomUUID()));
        alice.share(listId, User.BOB, "writer");
        return listId;
    }

    private HttpResponse<String> post(Api api, long listId, String json, String key) {
        return api.send("POST", "api/lists/" + listId + "/tasks", json, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    @Test
    void shouldLetTheFirstOfTwoEditorsWinAndShowTheSecondTheWinnersChange() {
        long listId = sharedList();
        HttpResponse<String> added = post(alice, listId, title("Milk"), null);
        long taskId = id(Api.object(added.body()));
        String readByBoth = etag(added);
        assertThat(readByBoth).isEqualTo("\"" + Api.object(added.body()).getString("rowVersion") + "\"");

        HttpResponse<String> alicesEdit = alice.send("PATCH", "api/tasks/" + taskId, title("Oat milk"), Map.of("If-Match", readByBoth));
        HttpResponse<String> bobsEdit = bob.send("PATCH", "api/tasks/" + taskId, "{\"title\":\"Soy milk\",\"completed\":true}",
                Map.of("If-Match", readByBoth));

        assertThat(alicesEdit.statusCode()).as(alicesEdit.body()).isEqualTo(200);
        JsonObject conflict = assertProblem(bobsEdit, 412);
        JsonObject current = conflict.getJsonObject("current");
        assertThat(current).isEqualTo(Api.object(alicesEdit.body()));
        assertThat(current.getString("title")).isEqualTo("Oat milk");
        assertThat(etag(bobsEdit)).isEqualTo(etag(alicesEdit)).isNotEqualTo(readByBoth);
        assertThat(alice.snapshot(listId).getJsonArray("tasks").getJsonObject(0).getString("title")).isEqualTo("Oat milk");

        HttpResponse<String> reapplied = bob.send("PATCH", "api/tasks/" + taskId, "{\"title\":\"Soy milk\",\"completed\":true}",
                Map.of("If-Match", etag(bobsEdit)));
        assertThat(reapplied.statusCode()).as(reapplied.body()).isEqualTo(200);
        assertThat(Api.object(reapplied.body()).getString("title")).isEqualTo("Soy milk");
    }

    @Test
    void shouldRefuseADeleteWithAStaleETagAndKeepTheTask() {
        long listId = sharedList();
        HttpResponse<String> added = post(alice, listId, title("Bread"), null);
        long taskId = id(Api.object(added.body()));
        HttpResponse<String> completed = bob.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}", Map.of());

        HttpResponse<String> delete = alice.send("DELETE", "api/tasks/" + taskId, null, Map.of("If-Match", etag(added)));

        assertThat(assertProblem(delete, 412).getJsonObject("current").getBoolean("completed")).isTrue();
        assertThat(alice.snapshot(listId).getJsonArray("tasks")).hasSize(1);
        HttpResponse<String> current = alice.send("DELETE", "api/tasks/" + taskId, null, Map.of("If-Match", etag(completed)));
        assertThat(current.statusCode()).as(current.body()).isEqualTo(204);
        assertThat(alice.snapshot(listId).getJsonArray("tasks")).isEmpty();
    }

    @Test
    void shouldLetEveryWriterWinWithoutIfMatchAndAcceptAStar() {
        long listId = sharedList();
        long taskId = id(Api.object(post(alice, listId, title("Eggs"), null).body()));

        assertThat(bob.send("PATCH", "api/tasks/" + taskId, title("Six eggs"), Map.of()).statusCode()).isEqualTo(200);
        assertThat(alice.send("PATCH", "api/tasks/" + taskId, title("Ten eggs"), Map.of("If-Match", "*")).statusCode())
                .isEqualTo(200);
        assertThat(alice.snapshot(listId).getJsonArray("tasks").getJsonObject(0).getString("title")).isEqualTo("Ten eggs");
    }

    @Test
    void shouldChangeTheETagWhenADbaUpdatesTheTaskWithPlainSql() throws Exception {
        long listId = sharedList();
        HttpResponse<String> added = post(alice, listId, title("Butter"), null);
        long taskId = id(Api.object(added.body()));
        try (Connection dba = ItDatabase.connect();
             PreparedStatement update = dba.prepareStatement("UPDATE task SET title = ? WHERE id = ?")) {
            update.setString(1, "Butter (set by the DBA)");
            update.setLong(2, taskId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        JsonObject task = alice.snapshot(listId).getJsonArray("tasks").getJsonObject(0);
        assertThat("\"" + task.getString("rowVersion") + "\"").isNotEqualTo(etag(added));
        HttpResponse<String> stale = alice.send("PATCH", "api/tasks/" + taskId, title("Salted butter"), Map.of("If-Match", etag(added)));
        assertThat(assertProblem(stale, 412).getJsonObject("current").getString("title")).isEqualTo("Butter (set by the DBA)");
    }

    @Test
    void shouldReplayAnAddWhoseAnswerWasLostAndAddOnlyOnce() {
        long listId = sharedList();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> lost = post(alice, listId, title("Apples"), key);
        HttpResponse<String> retry = post(alice, listId, title("Apples"), key);

        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(lost.body());
        for (String header : new String[] {"Location", "ETag", "X-Change-Version"}) {
            assertThat(retry.headers().firstValue(header)).as(header).isPresent().isEqualTo(lost.headers().firstValue(header));
        }
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(lost.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(alice.snapshot(listId).getJsonArray("tasks")).hasSize(1);
    }

    @Test
    void shouldReplayAConditionalEditWhoseAnswerWasLostInsteadOfCallingItAConflict() {
        long listId = sharedList();
        HttpResponse<String> added = post(alice, listId, title("Pears"), null);
        long taskId = id(Api.object(added.body()));
        Map<String, String> headers = Map.of("If-Match", etag(added), "Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse<String> lost = alice.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}", headers);
        HttpResponse<String> retry = alice.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}", headers);

        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(200);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(lost.body());
        assertThat(etag(retry)).isEqualTo(etag(lost));
        assertThat(changeVersion(retry)).isEqualTo(changeVersion(lost));
    }

    @Test
    void shouldReplayADeleteWhoseAnswerWasLostInsteadOfAnswering404() {
        long listId = sharedList();
        long taskId = id(Api.object(post(alice, listId, title("Plums"), null).body()));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse<String> lost = alice.send("DELETE", "api/tasks/" + taskId, null, key);
        HttpResponse<String> retry = alice.send("DELETE", "api/tasks/" + taskId, null, key);

        assertThat(lost.statusCode()).isEqualTo(204);
        assertThat(retry.statusCode()).isEqualTo(204);
        assertThat(changeVersion(retry)).isEqualTo(changeVersion(lost));
        assertThat(alice.send("DELETE", "api/tasks/" + taskId, null, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldReplayTheCreationOfAList() {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String name = "{\"name\":\"Once " + UUID.randomUUID() + "\"}";

        HttpResponse<String> lost = alice.send("POST", "api/lists", name, key);
        HttpResponse<String> retry = alice.send("POST", "api/lists", name, key);

        assertThat(lost.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(lost.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(lost.headers().firstValue("Location"));
        String listName = Api.object(lost.body()).getString("name");
        assertThat(Api.array(alice.get("api/lists").body()).getValuesAs(JsonObject.class))
                .filteredOn(list -> list.getString("name").equals(listName)).hasSize(1);
    }

    @Test
    void shouldReplaySharingAndUnsharingWithTheirChangeVersions() {
        long listId = id(alice.createList("Members " + UUID.randomUUID()));
        Map<String, String> shareKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String asWriter = "{\"user\":\"bob\",\"role\":\"writer\"}";

        HttpResponse<String> shared = alice.send("POST", "api/lists/" + listId + "/members", asWriter, shareKey);
        HttpResponse<String> sharedAgain = alice.send("POST", "api/lists/" + listId + "/members", asWriter, shareKey);
        Map<String, String> removeKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> removed = alice.send("DELETE", "api/lists/" + listId + "/members/bob", null, removeKey);
        HttpResponse<String> removedAgain = alice.send("DELETE", "api/lists/" + listId + "/members/bob", null, removeKey);

        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
        assertThat(sharedAgain.body()).isEqualTo(shared.body());
        assertThat(changeVersion(sharedAgain)).isEqualTo(changeVersion(shared));
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removedAgain.statusCode()).as("not 404: the retry gets the first answer").isEqualTo(204);
        assertThat(changeVersion(removedAgain)).isEqualTo(changeVersion(removed)).isGreaterThan(changeVersion(shared));
        assertThat(bob.get("api/lists/" + listId).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAKeyReusedForAnotherRequestAndWriteNothing() {
        long listId = sharedList();
        String key = UUID.randomUUID().toString();
        post(alice, listId, title("Cherries"), key);

        assertProblem(post(alice, listId, title("Grapes"), key), 422);
        assertProblem(post(alice, sharedList(), title("Cherries"), key), 422);

        assertThat(alice.snapshot(listId).getJsonArray("tasks")).hasSize(1);
    }

    @Test
    void shouldKeepKeysPerCaller() {
        long listId = sharedList();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> alices = post(alice, listId, title("Lemons"), key);
        HttpResponse<String> bobs = post(bob, listId, title("Lemons"), key);

        assertThat(bobs.statusCode()).isEqualTo(201);
        assertThat(bobs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(id(Api.object(bobs.body()))).isNotEqualTo(id(Api.object(alices.body())));
        assertThat(alice.snapshot(listId).getJsonArray("tasks")).hasSize(2);
    }

    @Test
    void shouldNotKeepTheKeyOfAFailedWriteSoThatItsRetryRunsAgain() {
        long listId = sharedList();
        HttpResponse<String> added = post(alice, listId, title("Limes"), null);
        long taskId = id(Api.object(added.body()));
        bob.send("PATCH", "api/tasks/" + taskId, title("Key limes"), Map.of());
        Map<String, String> headers = Map.of("If-Match", etag(added), "Idempotency-Key", UUID.randomUUID().toString());

        assertProblem(alice.send("PATCH", "api/tasks/" + taskId, title("Limes!"), headers), 412);
        HttpResponse<String> again = alice.send("PATCH", "api/tasks/" + taskId, title("Limes!"), headers);

        assertProblem(again, 412);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void shouldAnswer409WhileTheFirstRequestWithTheKeyIsInFlight() throws Exception {
        long listId = sharedList();
        String key = UUID.randomUUID().toString();
        String body = title("Figs");
        String hash = RequestHash.of("POST", "/lists/" + listId + "/tasks", body.getBytes(StandardCharsets.UTF_8));
        try (Connection inFlight = ItDatabase.connect()) {
            inFlight.setAutoCommit(false);
            try (PreparedStatement placeholder = inFlight.prepareStatement(
                    "INSERT INTO idempotency_key (user_name, idem_key, request_hash) VALUES (?, ?, ?)")) {
                placeholder.setString(1, User.ALICE.name());
                placeholder.setString(2, key);
                placeholder.setString(3, hash);
                placeholder.executeUpdate();
            }

            HttpResponse<String> second = post(alice, listId, body, key);

            assertProblem(second, 409);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            inFlight.rollback();
        }
        assertThat(post(alice, listId, body, key).statusCode()).isEqualTo(201);
        assertThat(alice.snapshot(listId).getJsonArray("tasks")).hasSize(1);
    }

    @Test
    void shouldRefuseMalformedKeysAndIfMatchHeaders() {
        long listId = sharedList();
        long taskId = id(Api.object(post(alice, listId, title("Kiwis"), null).body()));

        assertProblem(post(alice, listId, title("Kiwis"), "has space"), 400);
        assertProblem(post(alice, listId, title("Kiwis"), "k".repeat(256)), 400);
        assertProblem(alice.send("PATCH", "api/tasks/" + taskId, title("x"), Map.of("If-Match", "not-quoted")), 400);
        assertProblem(alice.send("DELETE", "api/tasks/" + taskId, null, Map.of("If-Match", "\"a\" \"b\"")), 400);

        assertThat(alice.snapshot(listId).getJsonArray("tasks")).hasSize(1)
                .first().satisfies(task -> assertThat(task.asJsonObject().getString("title")).isEqualTo("Kiwis"));
    }

    @Test
    void shouldReportAChangeVersionThatTheListsStreamReachesWithTheWrite() throws Exception {
        long listId = sharedList();
        long since = alice.snapshot(listId).getJsonNumber("version").longValue();
        try (SseClient stream = SseClient.open(base.toURI().resolve("api/lists/" + listId + "/events?since=" + since), null)) {
            // One write at a time, each awaited on the stream: change tracking reports net changes, so writes made
            // between two polls would arrive as one event.
            HttpResponse<String> added = post(alice, listId, title("Dates"), UUID.randomUUID().toString());
            long taskId = id(Api.object(added.body()));
            assertArrivesAtOrBefore(stream, taskId, "added", changeVersion(added), etag(added));

            HttpResponse<String> edited = alice.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}", Map.of("If-Match", etag(added)));
            assertArrivesAtOrBefore(stream, taskId, "completed", changeVersion(edited), etag(edited));

            HttpResponse<String> deleted = alice.send("DELETE", "api/tasks/" + taskId, null, Map.of());
            assertArrivesAtOrBefore(stream, taskId, "deleted", changeVersion(deleted), null);
        }
    }

    private static void assertArrivesAtOrBefore(SseClient stream, long taskId, String action, long changeVersion, String etag)
            throws InterruptedException {
        SseClient.Event event = stream.nextMatching(e -> "taskUpdate".equals(e.name())
                && Api.object(e.data()).getJsonNumber("taskId").longValue() == taskId
                && Api.object(e.data()).getString("action").equals(action), Duration.ofSeconds(20));
        assertThat(event).as("the %s event of task %d", action, taskId).isNotNull();
        JsonObject data = Api.object(event.data());
        assertThat(data.getJsonNumber("version").longValue()).isLessThanOrEqualTo(changeVersion);
        if (etag != null) {
            assertThat("\"" + data.getJsonObject("task").getString("rowVersion") + "\"").isEqualTo(etag);
        }
    }
}
