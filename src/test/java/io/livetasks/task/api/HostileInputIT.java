package io.livetasks.task.api;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.WsClient;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bodies, paths and handshakes an attacker or a broken client sends get a clear 4xx (or close code), store
 * nothing, leak no container internals, and leave the server serving.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

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

    private long newList() {
        return api.createList("hostile").getJsonNumber("id").longValue();
    }

    private int taskCount(long listId) {
        return api.snapshot(listId).getJsonArray("tasks").size();
    }

    @Test
    void shouldRefuseAHugeBodyWith413AndStoreNothing() {
        long listId = newList();
        String huge = "{\"title\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = api.send("POST", "api/lists/" + listId + "/tasks", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body().length()).isLessThan(1_000);
        assertThat(taskCount(listId)).isZero();
    }

    @Test
    void shouldAnswerDeepNestingAndAbsurdNumbersWith400() {
        long listId = newList();

        HttpResponse<String> deep = api.send("POST", "api/lists/" + listId + "/tasks",
                "{\"title\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        HttpResponse<String> number = api.send("PATCH", "api/tasks/1", "{\"completed\":" + "9".repeat(5_000) + "}");

        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(taskCount(listId)).isZero();
    }

    @Test
    void shouldBoundTheErrorBodyOfManyUnknownFields() {
        long listId = newList();
        StringBuilder json = new StringBuilder("{\"title\":\"t\"");
        for (int i = 0; json.length() < 60_000; i++) {
            json.append(",\"unknown").append(i).append("\":0");
        }
        json.append('}');

        HttpResponse<String> response = api.send("POST", "api/lists/" + listId + "/tasks", json.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().length()).isLessThan(4_000);
        assertThat(taskCount(listId)).isZero();
    }

    @Test
    void shouldNotShowContainerMessageCodesInErrors() {
        HttpResponse<String> unknownPath = api.get("api/no-such-thing");
        HttpResponse<String> wrongMethod = api.send("PUT", "api/lists", "{}");

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : java.util.List.of(unknownPath, wrongMethod)) {
            assertThat(response.body()).doesNotContainPattern("[A-Z]{4,}\\d{4}").doesNotContain("Exception");
        }
    }

    @Test
    void shouldAnswerAMissingStaticFileWithAProblemNotTheContainersPage() {
        HttpResponse<String> response = api.get("js/no-such-module.js");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("SRVE").doesNotContain("Exception");
    }

    @Test
    void shouldSendSecurityHeadersThatForbidFraming() {
        HttpResponse<String> page = api.get("login.html");
        HttpResponse<String> json = api.get("api/lists");

        for (HttpResponse<String> response : java.util.List.of(page, json)) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
    }

    @Test
    void shouldCloseAWebSocketWhoseBadInputMakesALongNonAsciiReason() throws Exception {
        long listId = newList();
        String since = URLEncoder.encode("ü€😀".repeat(60), StandardCharsets.UTF_8);

        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + since))) {
            assertThat(ws.closeCode(Duration.ofSeconds(10))).isEqualTo(4400);
        }
        assertThat(api.get("api/lists").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void shouldRefuseBrowserRequestsFromAForeignOriginOnEveryPushPath() throws Exception {
        long listId = newList();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : java.util.List.of("api/lists/" + listId + "/events", "api/lists", "hubs/tasks/negotiate?negotiateVersion=1")) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(api.base().resolve(path))
                    .header("Authorization", api.user().basic()).header("Origin", "https://evil.example")
                    .timeout(Duration.ofSeconds(10));
            request = path.startsWith("hubs") ? request.POST(java.net.http.HttpRequest.BodyPublishers.noBody()) : request.GET();

            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).doesNotContain("hostile");
        }
        java.net.URI ws = java.net.URI.create(api.base().resolve("ws/lists/" + listId).toString().replaceFirst("^http", "ws"));
        java.util.concurrent.CompletableFuture<java.net.http.WebSocket> handshake = http.newWebSocketBuilder()
                .header("Authorization", api.user().basic()).header("Origin", "https://evil.example")
                .buildAsync(ws, new java.net.http.WebSocket.Listener() { });
        assertThat(handshake).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void shouldServeItsOwnOriginAndClientsWithoutAnOrigin() throws Exception {
        long listId = newList();
        String own = api.base().getScheme() + "://" + api.base().getRawAuthority();
        java.net.http.HttpRequest sameOrigin = java.net.http.HttpRequest.newBuilder(api.base().resolve("api/lists/" + listId))
                .header("Authorization", api.user().basic()).header("Origin", own).GET().build();

        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(sameOrigin, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.get("api/lists/" + listId).statusCode()).as("no Origin header").isEqualTo(200);
    }

    @Test
    void shouldRefuseConnectionsOverTheClientsLimitWith429UntilOneCloses() throws Exception {
        Api bob = api.as(io.livetasks.it.User.BOB);
        long listId = bob.createList("bob's").getJsonNumber("id").longValue();
        java.net.URI events = bob.base().resolve("api/lists/" + listId + "/events");
        java.util.List<io.livetasks.it.SseClient> open = new java.util.ArrayList<>();
        double connectionsBefore = connections();
        try {
            java.io.IOException refused = null;
            for (int i = 0; i < 110 && refused == null; i++) { // the integration-test server allows 100 per client
                try {
                    open.add(io.livetasks.it.SseClient.open(events, null, io.livetasks.it.User.BOB));
                } catch (java.io.IOException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("refused before 110 streams").isNotNull();
            assertThat(refused.getMessage()).contains("HTTP 429");
            assertThat(open).hasSizeLessThanOrEqualTo(100);
            assertThat(api.get("api/lists").statusCode()).as("others are still served").isEqualTo(200);

            open.remove(0).close();
            // A plain SSE stream is released when the server next writes to it: when its list changes.
            bob.addTask(listId, "noticed by the closed stream's server side");
            io.livetasks.it.SseClient again = await("a slot frees once a stream closes").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).ignoreException(java.io.IOException.class)
                    .until(() -> io.livetasks.it.SseClient.open(events, null, io.livetasks.it.User.BOB), java.util.Objects::nonNull);
            open.add(again);
        } finally {
            for (io.livetasks.it.SseClient client : open) {
                client.close();
            }
            // The classes share one deployment (SharedDeploymentContainer): bob's 100 streams must be released (their
            // keep-alives find them closed) before this test ends, or the next class's stream of bob's is refused.
            await("bob's closed streams released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(HostileInputIT::connections, count -> count <= connectionsBefore);
        }
    }

    private static double connections() {
        return io.livetasks.it.AdminMetrics.get(io.livetasks.it.AdminMetrics.itServer(), "application").value("livetasks_connections");
    }
}
