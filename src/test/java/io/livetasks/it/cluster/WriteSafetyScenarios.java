package io.livetasks.it.cluster;

import static io.livetasks.it.Problems.assertProblem;
import static io.livetasks.it.cluster.Feeds.WAIT;
import static io.livetasks.it.cluster.Feeds.api;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Writes that are never lost or applied twice (docs/writes.md) across two instances on one database, written
 * once and run on H2 and on SQL Server: alice writes through instance a, bob (or alice's retry) through b.
 * Row versions, If-Match and idempotency keys live in the database, so both instances honour them alike.
 */
abstract class WriteSafetyScenarios {

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    private static long id(HttpResponse<String> response) {
        return Api.object(response.body()).getJsonNumber("id").longValue();
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.headers()));
    }

    private static long changeVersion(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-Change-Version")
                .orElseThrow(() -> new AssertionError("no X-Change-Version: " + response.headers())));
    }

    /** A list of alice's, made through a, that bob may change too. */
    private long sharedList(Api alice) {
        long listId = alice.createList("shared " + UUID.randomUUID()).getJsonNumber("id").longValue();
        alice.share(listId, User.BOB, "writer");
        return listId;
    }

    private static HttpResponse<String> add(Api api, long listId, String title, Map<String, String> headers) {
        return api.send("POST", "api/lists/" + listId + "/tasks", "{\"title\":\"" + title + "\"}", headers);
    }

    @Test
    void shouldLetTheFirstOfTwoEditorsOnTwoInstancesWinAndShowTheSecondTheWinnersChange() {
        Api alice = api(cluster().a());
        Api bob = api(cluster().b()).as(User.BOB);
        long listId = sharedList(alice);
        HttpResponse<String> added = add(alice, listId, "milk", Map.of());
        long taskId = id(added);

        HttpResponse<String> first = alice.send("PATCH", "api/tasks/" + taskId, "{\"title\":\"oat milk\"}", Map.of("If-Match", etag(added)));
        HttpResponse<String> second = bob.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}", Map.of("If-Match", etag(added)));
        HttpResponse<String> staleDelete = bob.send("DELETE", "api/tasks/" + taskId, null, Map.of("If-Match", etag(added)));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(assertProblem(second, 412).getJsonObject("current")).isEqualTo(Api.object(first.body()));
        assertThat(assertProblem(staleDelete, 412).getJsonObject("current")).isEqualTo(Api.object(first.body()));
        assertThat(alice.snapshot(listId).getJsonArray("tasks").getJsonObject(0).getString("title")).isEqualTo("oat milk");
    }

    @Test
    void shouldChangeTheETagWhenTheTaskIsUpdatedWithPlainSql() throws Exception {
        Api alice = api(cluster().a());
        long listId = sharedList(alice);
        HttpResponse<String> added = add(alice, listId, "bread", Map.of());
        try (Connection dba = cluster().database().connect();
             PreparedStatement update = dba.prepareStatement("UPDATE task SET title = title WHERE id = ?")) {
            update.setLong(1, id(added));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        HttpResponse<String> stale = api(cluster().b()).send("PATCH", "api/tasks/" + id(added), "{\"completed\":true}",
                Map.of("If-Match", etag(added)));

        String current = assertProblem(stale, 412).getJsonObject("current").getString("rowVersion");
        assertThat("\"" + current + "\"").isNotEqualTo(etag(added));
    }

    @Test
    void shouldReplayOnOneInstanceTheAnswersAKeyGotOnTheOther() {
        Api onA = api(cluster().a());
        Api onB = api(cluster().b());
        long listId = sharedList(onA);
        Map<String, String> addKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse<String> added = add(onA, listId, "apples", addKey);
        HttpResponse<String> addedAgain = add(onB, listId, "apples", addKey);
        Map<String, String> editKey = Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", etag(added));
        HttpResponse<String> edited = onA.send("PATCH", "api/tasks/" + id(added), "{\"completed\":true}", editKey);
        HttpResponse<String> editedAgain = onB.send("PATCH", "api/tasks/" + id(added), "{\"completed\":true}", editKey);
        Map<String, String> deleteKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> deleted = onB.send("DELETE", "api/tasks/" + id(added), null, deleteKey);
        HttpResponse<String> deletedAgain = onA.send("DELETE", "api/tasks/" + id(added), null, deleteKey);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(addedAgain.body()).isEqualTo(added.body());
        assertThat(addedAgain.headers().firstValue("Location")).isEqualTo(added.headers().firstValue("Location"));
        assertThat(changeVersion(addedAgain)).isEqualTo(changeVersion(added));
        assertThat(editedAgain.statusCode()).as(editedAgain.body()).isEqualTo(200);
        assertThat(editedAgain.body()).isEqualTo(edited.body());
        assertThat(etag(editedAgain)).isEqualTo(etag(edited));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deletedAgain.statusCode()).isEqualTo(204);
        assertThat(deletedAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(onA.snapshot(listId).getJsonArray("tasks")).isEmpty();
        assertProblem(add(onB, listId, "pears", addKey), 422);
    }

    @Test
    void shouldReportAChangeVersionThatTheOtherInstancesStreamReachesWithTheWrite() throws Exception {
        Api onA = api(cluster().a());
        long listId = sharedList(onA);
        long since = onA.snapshot(listId).getJsonNumber("version").longValue();
        try (SseClient stream = Feeds.sse(cluster().b(), listId, since)) {
            HttpResponse<String> added = add(onA, listId, "figs", Map.of("Idempotency-Key", UUID.randomUUID().toString()));

            SseClient.Event event = stream.nextMatching(e -> "taskUpdate".equals(e.name())
                    && Api.object(e.data()).getJsonNumber("taskId").longValue() == id(added), WAIT);

            assertThat(event).as("the added event on b").isNotNull();
            JsonObject data = Api.object(event.data());
            assertThat(data.getJsonNumber("version").longValue()).isLessThanOrEqualTo(changeVersion(added));
            assertThat("\"" + data.getJsonObject("task").getString("rowVersion") + "\"").isEqualTo(etag(added));
        }
    }
}
