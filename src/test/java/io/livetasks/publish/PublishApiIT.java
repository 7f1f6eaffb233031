package io.livetasks.publish;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Deployments;
import io.livetasks.it.NodeClient;
import io.livetasks.it.PublishBackend;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publish API against the real server (H2, hub {@code telemetry} configured by the build): a backend
 * using java.net.http with the access key sends to everyone, a user, a connection and a group, and the
 * official {@code @microsoft/signalr} client (Node, src/test/signalr/listener.mjs) receives exactly what is
 * addressed to it, on each transport; group changes take effect; bad tokens get 401.
 *
 * <p>"Did not receive" is proven by order, not by waiting: commands are delivered in commit order, so once a
 * later marker sent to everyone has arrived, anything sent before it that was going to arrive has.
 */
@ExtendWith(ArquillianExtension.class)
class PublishApiIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private PublishBackend backend;

    @BeforeAll
    static void installClient() throws Exception {
        Assumptions.assumeTrue(NodeClient.toolsAvailable(), "node and npm are not installed: the official client cannot run");
        NodeClient.install();
    }

    @BeforeEach
    void backend() throws Exception {
        backend = new PublishBackend(base.toURI());
    }

    @Test
    void shouldDeliverToAllUserConnectionAndGroupOverWebSockets() throws Exception {
        deliverToEveryAudience("WebSockets", "WebSocketTransport");
    }

    @Test
    void shouldDeliverToAllUserConnectionAndGroupOverServerSentEvents() throws Exception {
        deliverToEveryAudience("ServerSentEvents", "ServerSentEventsTransport");
    }

    @Test
    void shouldDeliverToAllUserConnectionAndGroupOverLongPolling() throws Exception {
        deliverToEveryAudience("LongPolling", "LongPollingTransport");
    }

    private void deliverToEveryAudience(String transport, String transportClass) throws Exception {
        try (NodeClient alice = listen(base.toURI(), transport, "alice"); NodeClient bob = listen(base.toURI(), transport, "bob")) {
            String aliceId = started(alice, transportClass);
            String bobId = started(bob, transportClass);

            assertThat(backend.send("telemetry/:send?api-version=2022-06-01", "reading", "[1, {\"celsius\": 21.5}]").statusCode()).isEqualTo(202);
            // The v1 path of a user send (no ":send" segment).
            assertThat(backend.call("POST", "/api/v1/hubs/telemetry/users/alice", "{\"target\":\"reading\",\"arguments\":[2]}")
                    .statusCode()).isEqualTo(202);
            assertThat(backend.send("telemetry/connections/" + bobId + "/:send", "reading", "[3]").statusCode()).isEqualTo(202);
            assertThat(backend.call("PUT", "/api/hubs/telemetry/groups/room/connections/" + aliceId, null).statusCode()).isEqualTo(200);
            assertThat(backend.send("telemetry/groups/room/:send", "reading", "[4]").statusCode()).isEqualTo(202);
            assertThat(backend.call("DELETE", "/api/hubs/telemetry/groups/room/connections/" + aliceId, null).statusCode()).isEqualTo(200);
            assertThat(backend.send("telemetry/groups/room/:send", "reading", "[5]").statusCode()).isEqualTo(202);
            assertThat(backend.send("telemetry/:send", "marker", "[\"end\"]").statusCode()).isEqualTo(202);

            alice.await("message", 4, WAIT);
            bob.await("message", 3, WAIT);
            assertThat(received(alice)).containsExactly("reading 1", "reading 2", "reading 4", "marker end");
            assertThat(received(bob)).containsExactly("reading 1", "reading 3", "marker end");
            assertThat(alice.named("message").get(0).getJsonArray("arguments").getJsonObject(1).getJsonNumber("celsius").doubleValue())
                    .isEqualTo(21.5);
        }
    }

    @Test
    void shouldAddAndRemoveUsersInGroupsAndAnswerExistenceChecks() throws Exception {
        try (NodeClient bob = listen(base.toURI(), "WebSockets", "bob")) {
            String bobId = started(bob, "WebSocketTransport");
            assertThat(backend.call("HEAD", "/api/hubs/telemetry/connections/" + bobId, null).statusCode()).isEqualTo(200);
            assertThat(backend.call("HEAD", "/api/hubs/telemetry/connections/no-such-connection", null).statusCode()).isEqualTo(404);
            assertThat(backend.call("HEAD", "/api/hubs/telemetry/users/bob", null).statusCode()).isEqualTo(200);
            assertThat(backend.call("HEAD", "/api/hubs/telemetry/groups/watchers", null).statusCode()).isEqualTo(404);

            assertThat(backend.call("PUT", "/api/hubs/telemetry/groups/watchers/users/bob", null).statusCode()).isEqualTo(200);
            awaitStatus("/api/hubs/telemetry/groups/watchers/users/bob", 200);
            assertThat(backend.call("HEAD", "/api/hubs/telemetry/groups/watchers", null).statusCode()).isEqualTo(200);
            backend.send("telemetry/groups/watchers/:send", "reading", "[10]");
            assertThat(backend.call("DELETE", "/api/hubs/telemetry/users/bob/groups", null).statusCode()).isEqualTo(200);
            backend.send("telemetry/groups/watchers/:send", "reading", "[11]");
            backend.send("telemetry/:send", "marker", "[\"end\"]");
            bob.await("message", 2, WAIT);
            assertThat(received(bob)).containsExactly("reading 10", "marker end");

            assertThat(backend.call("DELETE", "/api/hubs/telemetry/connections/" + bobId + "?reason=maintenance", null).statusCode())
                    .isEqualTo(200);
            assertThat(bob.await("closed", 1, WAIT).getString("error")).contains("maintenance");
        }
    }

    @Test
    void shouldRefuseWrongExpiredAndMissingTokensWith401() {
        String path = "/api/hubs/telemetry/:send";
        String body = "{\"target\":\"reading\",\"arguments\":[]}";
        String url = backend.url(path).toString();
        List<HttpResponse<String>> refused = List.of(
                backend.withKey("a-wrong-key-of-the-right-length-0123456789").call("POST", path, body),
                backend.call("POST", path, body, PublishBackend.token(PublishBackend.KEY, url, Instant.now().minusSeconds(600))),
                backend.call("POST", path, body, PublishBackend.token(PublishBackend.KEY, backend.url("/api/hubs/tasks/:send")
                        .toString(), Instant.now().plusSeconds(60))),
                backend.call("POST", path, body, null));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void shouldRefuseBadRequestsWithProblems() {
        assertThat(backend.send("nohub/:send", "reading", "[]").statusCode()).isEqualTo(404);
        assertThat(backend.send("tasks/:send", "taskUpdate", "[]").statusCode()).as("the list events' target is reserved").isEqualTo(400);
        assertThat(backend.send("tasks/:send", "notice", "[\"maintenance at 18:00\"]").statusCode()).isEqualTo(202);
        assertThat(backend.call("POST", "/api/hubs/telemetry/:send", "{\"arguments\":[]}").statusCode()).isEqualTo(400);
        assertThat(backend.call("POST", "/api/hubs/telemetry/:send", "[1]").statusCode()).isEqualTo(400);
        assertThat(backend.call("POST", "/api/hubs/telemetry/:send?api-version=1999-01-01", "{\"target\":\"t\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> notAllowed = backend.call("GET", "/api/hubs/telemetry/:send", null);
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(notAllowed.headers().firstValue("Allow")).hasValue("POST");
    }

    static NodeClient listen(URI server, String transport, String user) throws Exception {
        String base = server.toString().replaceAll("/$", "");
        return NodeClient.run("listener.mjs", "--base", base, "--hub", "telemetry", "--transport", transport,
                "--user", user, "--password", user + "-demo", "--targets", "reading,marker");
    }

    static String started(NodeClient client, String transportClass) throws InterruptedException {
        JsonObject started = client.await("started", 1, WAIT);
        assertThat(started.getString("transport")).isEqualTo(transportClass);
        return started.getString("connectionId");
    }

    /** Each message as "target firstArgument". */
    static List<String> received(NodeClient client) {
        return client.named("message").stream()
                .map(m -> m.getString("target") + " " + m.getJsonArray("arguments").get(0).toString().replace("\"", ""))
                .toList();
    }

    private void awaitStatus(String path, int status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(backend.call("HEAD", path, null).statusCode()).as("HEAD %s", path).isEqualTo(status));
    }
}
