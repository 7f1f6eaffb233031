package io.livetasks.task.feed;

import static io.livetasks.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
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

/**
 * Sharing and revocation while streams are open, on the real server and database: once alice shares a list
 * with bob, his SSE and WebSocket streams of it carry her changes; once she removes him (through the API, or
 * a DBA deletes the membership row), his open streams get {@code revoked}, end, and never see another change
 * of the list; he cannot resume them.
 */
@ExtendWith(ArquillianExtension.class)
class SharingLiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a stream is watched for something that must not arrive, once a witness has seen it published. */
    private static final Duration QUIET = Duration.ofMillis(500);

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

    /** Takes bob's membership of a list away. */
    private interface Removal {
        void remove(long listId) throws Exception;
    }

    @Test
    void shouldStreamAlicesChangesToBobOnceSheSharesTheList() throws Exception {
        long listId = alice.createList("shared live").getJsonNumber("id").longValue();
        alice.share(listId, User.BOB, "reader");
        long since = bob.snapshot(listId).getJsonNumber("version").longValue();

        try (SseClient sse = SseClient.open(sseUri(listId, "?since=" + since), null, User.BOB);
             WsClient ws = WsClient.connect(wsUri(listId, "?since=" + since), User.BOB)) {
            long taskId = alice.addTask(listId, "for bob").getJsonNumber("id").longValue();

            SseClient.Event overSse = sse.next(WAIT);
            JsonObject overWs = Api.object(ws.next(WAIT));
            assertThat(overSse.name()).isEqualTo("taskUpdate");
            assertThat(Api.object(overSse.data())).isEqualTo(overWs);
            assertThat(overWs.getJsonNumber("taskId").longValue()).isEqualTo(taskId);
            assertThat(overWs.getJsonObject("task").getString("title")).isEqualTo("for bob");
        }
    }

    @Test
    void shouldRevokeBobsOpenStreamsWhenAliceRemovesHim() throws Exception {
        shouldRevokeOpenStreamsOn(listId -> alice.unshare(listId, User.BOB));
    }

    @Test
    void shouldRevokeBobsOpenStreamsWhenADbaDeletesHisMembershipWithPlainSql() throws Exception {
        shouldRevokeOpenStreamsOn(listId -> {
            try (Connection jdbc = ItDatabase.connect();
                 PreparedStatement delete = jdbc.prepareStatement("DELETE FROM list_member WHERE list_id = ? AND user_name = ?")) {
                delete.setLong(1, listId);
                delete.setString(2, User.BOB.name());
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
        });
    }

    private void shouldRevokeOpenStreamsOn(Removal removal) throws Exception {
        long listId = alice.createList("revoked live").getJsonNumber("id").longValue();
        alice.share(listId, User.BOB, "writer");
        long since = bob.snapshot(listId).getJsonNumber("version").longValue();

        try (SseClient sse = SseClient.open(sseUri(listId, "?since=" + since), null, User.BOB);
             WsClient ws = WsClient.connect(wsUri(listId, "?since=" + since), User.BOB);
             SseClient witness = SseClient.open(sseUri(listId, "?since=" + since), null, User.ALICE)) {
            // Bob's streams are live; and the sharing has been published, so that the removal cannot be polled
            // together with it (the feed reports net changes: the two would cancel out).
            alice.addTask(listId, "while bob is a member");
            SseClient.Event before = sse.next(WAIT);
            assertThat(title(before)).isEqualTo("while bob is a member");
            assertThat(title(Api.object(ws.next(WAIT)))).isEqualTo("while bob is a member");
            assertThat(title(witness.next(WAIT))).isEqualTo("while bob is a member");

            removal.remove(listId);

            SseClient.Event revoked = sse.next(WAIT);
            assertThat(revoked).as("revoked over SSE").isNotNull();
            assertThat(revoked.name()).isEqualTo("revoked");
            JsonObject farewell = Api.object(revoked.data());
            assertThat(farewell.getString("action")).isEqualTo("revoked");
            assertThat(farewell.getJsonNumber("listId").longValue()).isEqualTo(listId);
            assertThat(farewell.getJsonNumber("version").longValue())
                    .isGreaterThan(Api.object(before.data()).getJsonNumber("version").longValue());
            assertThat(sse.awaitEnd(WAIT)).as("bob's SSE stream ends").isTrue();
            assertThat(Api.object(ws.next(WAIT))).as("revoked over WebSocket").isEqualTo(farewell);
            assertThat(ws.closeCode(WAIT)).as("bob's WebSocket closes").isEqualTo(1001);

            SseClient.Event removed = witness.next(WAIT);
            assertThat(removed.name()).as("alice, still a member, hears of the removal").isEqualTo("memberUpdate");
            assertThat(Api.object(removed.data()).getString("action")).isEqualTo("removed");
            assertThat(Api.object(removed.data()).getString("user")).isEqualTo("bob");
            assertThat(Api.object(removed.data()).getJsonNumber("version")).isEqualTo(farewell.getJsonNumber("version"));

            alice.addTask(listId, "after bob was removed");
            assertThat(title(witness.next(WAIT))).as("the change was published").isEqualTo("after bob was removed");
            assertThat(sse.next(QUIET)).as("nothing reaches bob's SSE stream after revoked").isNull();
            assertThat(ws.next(QUIET)).as("nothing reaches bob's WebSocket after revoked").isNull();

            assertProblem(SseClient.attempt(sseUri(listId, ""), Long.toString(since), User.BOB), 404);
            assertProblem(SseClient.attempt(sseUri(listId, "?since=" + farewell.getJsonNumber("version")), null, User.BOB), 404);
            try (WsClient resumed = WsClient.connect(wsUri(listId, "?since=" + since), User.BOB)) {
                assertThat(resumed.closeCode(WAIT)).as("a WebSocket resume is refused").isEqualTo(ListSocket.UNKNOWN_LIST);
                assertThat(resumed.next(Duration.ZERO)).isNull();
            }
        }
    }

    private URI sseUri(long listId, String query) {
        return alice.base().resolve("api/lists/" + listId + "/events" + query);
    }

    private URI wsUri(long listId, String query) {
        return alice.base().resolve("ws/lists/" + listId + query);
    }

    private static String title(SseClient.Event event) {
        assertThat(event).as("an event").isNotNull();
        return title(Api.object(event.data()));
    }

    private static String title(JsonObject event) {
        return event.isNull("task") ? null : event.getJsonObject("task").getString("title");
    }
}
