package io.livetasks.task.feed;

import static io.livetasks.it.Problems.assertProblem;
import static io.livetasks.it.Problems.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may open a list's SSE and WebSocket streams, from any resume point, on the real server: a user who
 * is no member gets 404 (SSE) or close code 4404 (WebSocket) and nothing of the list, before it is shared,
 * after they are removed, and when resuming from version 0 or from a version they had before their removal;
 * nobody gets a stream without valid credentials. A replay never carries what changed while a user was no
 * member. (Streams already open when a member is removed: {@link SharingLiveIT}.)
 */
@ExtendWith(ArquillianExtension.class)
class StreamAccessIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    /** A list of alice's with one task; the title is what must never reach anyone else. */
    private long alicesList(String label, String title) {
        long listId = alice.createList("alice's " + label).getJsonNumber("id").longValue();
        alice.addTask(listId, title);
        return listId;
    }

    private long version(Api caller, long listId) {
        return caller.snapshot(listId).getJsonNumber("version").longValue();
    }

    @Test
    void shouldRefuseANonMembersSseStreamWith404FromAnyResumePoint() throws Exception {
        long listId = alicesList("sse not shared", "secret over sse");
        long current = version(alice, listId);

        for (HttpResponse<String> refused : sseFromEveryResumePoint(User.BOB, listId, current)) {
            assertProblem(refused, 404);
            assertThat(refused.body()).doesNotContain("secret over sse");
        }
    }

    @Test
    void shouldCloseANonMembersWebSocketWith4404FromAnyResumePoint() throws Exception {
        long listId = alicesList("ws not shared", "secret over ws");
        long current = version(alice, listId);

        for (String query : List.of("", "?since=0", "?since=" + current)) {
            assertRefusedWebSocket(User.BOB, wsUri(listId, query), ListSocket.UNKNOWN_LIST);
        }
    }

    @Test
    void shouldRefuseEveryStreamOnceTheMemberIsRemovedEvenFromAVersionTheyHad() throws Exception {
        long listId = alicesList("removed", "seen while a member");
        alice.share(listId, User.BOB, "reader");
        long hadVersion = version(bob, listId);

        alice.unshare(listId, User.BOB);
        alice.addTask(listId, "secret after the removal");

        for (HttpResponse<String> refused : sseFromEveryResumePoint(User.BOB, listId, hadVersion)) {
            assertProblem(refused, 404);
            assertThat(refused.body()).doesNotContain("seen while a member", "secret after the removal");
        }
        for (String query : List.of("", "?since=0", "?since=" + hadVersion)) {
            assertRefusedWebSocket(User.BOB, wsUri(listId, query), ListSocket.UNKNOWN_LIST);
        }
    }

    @Test
    void shouldRefuseAnonymousStreamsWith401AndWebSocketsWith4401() throws Exception {
        long listId = alicesList("anonymous", "secret from nobody");

        for (HttpResponse<String> refused : sseFromEveryResumePoint(null, listId, version(alice, listId))) {
            assertUnauthorized(refused);
            assertThat(refused.body()).doesNotContain("secret from nobody");
        }
        assertRefusedWebSocket(null, wsUri(listId, "?since=0"), ListSocket.UNAUTHENTICATED);
    }

    @Test
    void shouldRefuseStreamsWithAWrongPasswordWith401() throws Exception {
        long listId = alicesList("wrong password", "secret from an impostor");
        User impostor = new User("alice", "not-alice-demo");

        assertUnauthorized(SseClient.attempt(sseUri(listId, "?since=0"), null, impostor));
        try (WsClient ws = WsClient.connect(wsUri(listId, "?since=0"), impostor)) {
            throw new AssertionError("the WebSocket handshake succeeded with a wrong password: " + ws.next(WAIT));
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
        }
    }

    /**
     * Removed and then shared again, a user resuming from a version before the removal gets what changed up
     * to it, then {@code revoked}: never what changed while they were no member (they reload the list, as
     * after any revocation, and see its present state only).
     */
    @Test
    void shouldNotReplayWhatChangedWhileTheUserWasNoMember() throws Exception {
        long listId = alicesList("shared again", "first");
        alice.share(listId, User.BOB, "reader");
        long hadVersion = version(bob, listId);
        try (SseClient witness = SseClient.open(sseUri(listId, "?since=" + hadVersion), null)) {
            alice.addTask(listId, "while a member");
            alice.unshare(listId, User.BOB);
            alice.addTask(listId, "while no member");
            // Share again only once the removal has been published on its own: the feed reports net changes,
            // and a removal and re-adding polled together would be one "updated" membership.
            awaitTask(witness, "while no member");
            alice.share(listId, User.BOB, "reader");
            awaitMember(witness, "added");
        }

        try (SseClient sse = SseClient.open(sseUri(listId, ""), Long.toString(hadVersion), User.BOB);
             WsClient ws = WsClient.connect(wsUri(listId, "?since=" + hadVersion), User.BOB)) {
            SseClient.Event replayed = sse.next(WAIT);
            SseClient.Event revoked = sse.next(WAIT);
            assertThat(replayed.name()).isEqualTo("taskUpdate");
            assertThat(Api.object(replayed.data()).getJsonObject("task").getString("title")).isEqualTo("while a member");
            assertThat(revoked.name()).isEqualTo("revoked");
            assertThat(Api.object(revoked.data()).getString("action")).isEqualTo("revoked");
            assertThat(sse.awaitEnd(WAIT)).as("the stream ends after revoked").isTrue();
            assertThat(sse.next(Duration.ZERO)).as("nothing after revoked").isNull();

            assertThat(Api.object(ws.next(WAIT)).getJsonObject("task").getString("title")).isEqualTo("while a member");
            assertThat(Api.object(ws.next(WAIT))).isEqualTo(Api.object(revoked.data()));
            assertThat(ws.closeCode(WAIT)).isEqualTo(1001);
            assertThat(ws.next(Duration.ZERO)).as("nothing after revoked").isNull();
        }
    }

    private URI sseUri(long listId, String query) {
        return alice.base().resolve("api/lists/" + listId + "/events" + query);
    }

    private URI wsUri(long listId, String query) {
        return alice.base().resolve("ws/lists/" + listId + query);
    }

    /** Live only, {@code ?since=0}, {@code Last-Event-ID: 0}, and both from {@code version}. */
    private List<HttpResponse<String>> sseFromEveryResumePoint(User user, long listId, long version) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(SseClient.attempt(sseUri(listId, ""), null, user));
        answers.add(SseClient.attempt(sseUri(listId, "?since=0"), null, user));
        answers.add(SseClient.attempt(sseUri(listId, ""), "0", user));
        answers.add(SseClient.attempt(sseUri(listId, "?since=" + version), null, user));
        answers.add(SseClient.attempt(sseUri(listId, ""), Long.toString(version), user));
        return answers;
    }

    /** The socket opens, then the server closes it with {@code code} without sending a single frame. */
    private static void assertRefusedWebSocket(User user, URI uri, int code) throws Exception {
        try (WsClient ws = WsClient.connect(uri, user)) {
            assertThat(ws.closeCode(WAIT)).as(uri.toString()).isEqualTo(code);
            assertThat(ws.next(Duration.ZERO)).as("no frame before the close").isNull();
        }
    }

    private static void awaitTask(SseClient stream, String title) throws InterruptedException {
        assertThat(stream.nextMatching(e -> "taskUpdate".equals(e.name()) && title.equals(title(e)), WAIT))
                .as("task %s", title).isNotNull();
    }

    private static void awaitMember(SseClient stream, String action) throws InterruptedException {
        assertThat(stream.nextMatching(e -> "memberUpdate".equals(e.name()) && Api.object(e.data()).getString("action").equals(action), WAIT))
                .as("membership %s", action).isNotNull();
    }

    private static String title(SseClient.Event event) {
        JsonObject data = Api.object(event.data());
        return data.isNull("task") ? null : data.getJsonObject("task").getString("title");
    }
}
