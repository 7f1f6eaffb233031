package io.livetasks.push.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.livetasks.it.Api;
import io.livetasks.it.ItTokens;
import io.livetasks.it.User;
import io.livetasks.it.cluster.ClusterExtension;
import io.livetasks.it.cluster.RunsOwnServers;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SignalR endpoints on the real server, driven by raw Java clients: negotiate, who the caller is
 * (access token or the request's own credentials; alice's Basic credentials unless a test says otherwise),
 * tokens and their expiry, the transports' HTTP semantics and every refusal (each a clear error), with the
 * server checked healthy after each test.
 *
 * <p>On the cluster's instance a, an instance like any other (the same token secret and ping interval as the
 * Arquillian-managed server: its {@code jvm.options} are copied), rather than on the Arquillian-managed server: the
 * class then runs in the cluster lane ({@link RunsOwnServers}), beside the Arquillian sequence. It moved when that
 * lane was the shorter one (about 10 s, 3 December); once the cluster tests stopped waiting for ready instances it
 * became the longer one on most runs (by 2.5-20 s in four runs, most on slow phases of the machine), so which lane
 * suits this class best depends on the machine: about 6 s either way.
 */
@RunsOwnServers
class SignalRProtocolIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RS = "\u001e";
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, String> ALICE = Map.of("Authorization", User.ALICE.basic());
    private static final Map<String, String> ANONYMOUS = Map.of();

    private Api api;

    @BeforeEach
    void client() throws Exception {
        api = new Api(CLUSTER.cluster().a().base().toURL());
    }

    @AfterEach
    void serverStillHealthy() {
        // Health lives at the server root, whatever the application's context root.
        assertThat(send("GET", api.base().resolve("/health/ready"), null, ANONYMOUS).statusCode()).isEqualTo(200);
        assertThat(negotiate(1).statusCode()).isEqualTo(200);
    }

    private URI hub(String query) {
        return api.base().resolve("hubs/tasks" + query);
    }

    private HttpResponse<String> send(String method, URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        }
    }

    /** {@code headers} plus alice's credentials. */
    private static Map<String, String> alice(String... headers) {
        Map<String, String> all = new HashMap<>(ALICE);
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return all;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> negotiate(int version) {
        return send("POST", hub("/negotiate?negotiateVersion=" + version), "", ALICE);
    }

    private String connectionToken() {
        return Api.object(negotiate(1).body()).getString("connectionToken");
    }

    private static JsonObject payload(String jwt) {
        return Api.object(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static int handshakeStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
        }
        throw new AssertionError("Expected a refused WebSocket handshake", failure);
    }

    @Test
    void shouldNegotiateVersion1WithASecretTokenAndThreeTextTransports() {
        HttpResponse<String> response = negotiate(1);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = Api.object(response.body());
        assertThat(body.getInt("negotiateVersion")).isEqualTo(1);
        assertThat(body.getString("connectionToken")).isNotEqualTo(body.getString("connectionId"));
        assertThat(body.getJsonArray("availableTransports").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("transport")).containsExactly("WebSockets", "ServerSentEvents", "LongPolling");
    }

    @Test
    void shouldNegotiateVersion0WithTheConnectionIdOnly() {
        JsonObject body = Api.object(send("POST", hub("/negotiate"), "", ALICE).body());

        assertThat(body.getInt("negotiateVersion")).isZero();
        assertThat(body.containsKey("connectionToken")).isFalse();
        assertThat(send("GET", hub("?id=" + body.getString("connectionId")), null, ALICE).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRedirectThroughApiNegotiateWithATokenTheHubAccepts() {
        JsonObject redirect = Api.object(send("POST", api.base().resolve("api/negotiate"), "", ALICE).body());

        assertThat(redirect.getString("url")).isEqualTo(api.base().resolve("hubs/tasks").toString());
        HttpResponse<String> negotiated = send("POST", URI.create(redirect.getString("url") + "/negotiate?negotiateVersion=1"), "",
                bearer(redirect.getString("accessToken")));
        assertThat(negotiated.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseNegotiateWithoutCredentialsWith401() {
        HttpResponse<String> azureStyle = send("POST", api.base().resolve("api/negotiate"), "", ANONYMOUS);
        HttpResponse<String> atTheHub = send("POST", hub("/negotiate?negotiateVersion=1"), "", ANONYMOUS);

        assertThat(azureStyle.statusCode()).isEqualTo(401);
        assertThat(atTheHub.statusCode()).isEqualTo(401);
        assertThat(atTheHub.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.object(atTheHub.body()).getString("detail")).startsWith("Sign in first");
        assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub(""), ANONYMOUS)))).as("skipNegotiation").isEqualTo(401);
    }

    @Test
    void shouldIssueTheTokenToTheAuthenticatedUserWhateverUserTheRequestNames() {
        HttpResponse<String> response = send("POST", api.base().resolve("api/negotiate?user=mallory"), "", alice("x-user", "mallory"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject claims = payload(Api.object(response.body()).getString("accessToken"));
        assertThat(claims.getString("sub")).isEqualTo("alice");
        assertThat(claims.getString("aud")).isEqualTo(hub("").toString());
        assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue()).as("default lifetime").isEqualTo(900);
    }

    @Test
    void shouldRefuseAForgedExpiredOrOtherHubTokenWith401AtNegotiateAndConnect() throws Exception {
        URI audience = hub("");
        String valid = ItTokens.sign("alice", audience, Instant.now().plusSeconds(600));
        String forged = valid.substring(0, valid.length() - 3) + (valid.endsWith("AAA") ? "BBB" : "AAA");
        String expired = ItTokens.sign("alice", audience, Instant.now().minusSeconds(120));
        String otherHub = ItTokens.sign("alice", api.base().resolve("hubs/other"), Instant.now().plusSeconds(600));

        for (String bad : new String[] {forged, expired, otherHub, "garbage"}) {
            HttpResponse<String> refused = send("POST", hub("/negotiate?negotiateVersion=1"), "", bearer(bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?access_token=" + bad), ANONYMOUS))))
                    .as("WebSocket without negotiate").isEqualTo(401);
            assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?id=" + connectionToken()), bearer(bad)))))
                    .as("WebSocket of a negotiated connection").isEqualTo(401);
            assertThat(send("GET", hub("?id=" + connectionToken() + "&access_token=" + bad), null, Map.of("Accept", "text/event-stream"))
                    .statusCode()).as("Server-Sent Events").isEqualTo(401);
            assertThat(send("GET", hub("?id=" + connectionToken()), null, bearer(bad)).statusCode()).as("long polling").isEqualTo(401);
        }
        assertThat(send("POST", hub("/negotiate?negotiateVersion=1"), "", bearer(valid)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAnotherUsersRequestsOnAConnectionWith401() {
        String id = connectionToken();

        HttpResponse<String> bob = send("GET", hub("?id=" + id), null, Map.of("Authorization", User.BOB.basic()));

        assertThat(bob.statusCode()).isEqualTo(401);
        assertThat(send("GET", hub("?id=" + id), null, ALICE).statusCode()).as("alice still takes it up").isEqualTo(200);
    }

    @Test
    void shouldCloseAConnectionWithAnErrorWhenItsAccessTokenExpires() throws Exception {
        String shortLived = ItTokens.sign("alice", hub(""), Instant.now().plusSeconds(2));
        try (HubSocket socket = HubSocket.connect(hub(""), bearer(shortLived))) {
            socket.send(HANDSHAKE);
            assertThat(socket.next(WAIT)).isEqualTo("{}");

            String record;
            do {
                record = socket.next(WAIT);
                assertThat(record).as("a Close message before the timeout").isNotNull();
            } while (record.equals("{\"type\":6}") || record.startsWith("{\"type\":1,")); // pings, alice's memberUpdates

            assertThat(record).isEqualTo("{\"type\":7,\"error\":\"Unauthorized: the access token expired\",\"allowReconnect\":true}");
            assertThat(socket.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownConnectionToken() {
        assertThat(send("GET", hub("?id=no-such-connection"), null, ALICE).statusCode()).isEqualTo(404);
        assertThat(send("POST", hub("?id=no-such-connection"), HANDSHAKE, ALICE).statusCode()).isEqualTo(404);
        assertThat(send("GET", hub("?id=no-such-connection"), null, alice("Accept", "text/event-stream")).statusCode()).isEqualTo(404);
        assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?id=no-such-connection"), ALICE))))
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerUnknownHubsPathsAndMethodsClearly() {
        assertThat(send("POST", api.base().resolve("hubs/nope/negotiate"), "", ALICE).statusCode()).isEqualTo(404);
        assertThat(send("GET", hub("/something"), null, ALICE).statusCode()).isEqualTo(404);
        assertThat(send("GET", hub(""), null, ALICE).statusCode()).as("no connection id").isEqualTo(400);
        assertThat(send("PUT", hub("?id=" + connectionToken()), "", ALICE).statusCode()).isEqualTo(405);
        assertThat(send("GET", hub("/negotiate"), null, ALICE).statusCode()).isEqualTo(405);
    }

    @Test
    void shouldRefuseASecondTransportForOneConnectionWith409() throws Exception {
        String token = connectionToken();
        try (HubSocket socket = HubSocket.connect(hub("?id=" + token), ALICE)) {
            assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?id=" + token), ALICE)))).isEqualTo(409);
            assertThat(send("GET", hub("?id=" + token), null, ALICE).statusCode()).isEqualTo(409);
            assertThat(send("POST", hub("?id=" + token), HANDSHAKE, ALICE).statusCode()).isEqualTo(409);
        }
    }

    @Test
    void shouldAnswerABadHandshakeWithAnErrorAndClose() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), ALICE)) {
            socket.send("{\"protocol\":\"messagepack\",\"version\":1}" + RS);

            assertThat(socket.next(WAIT)).isEqualTo("{\"error\":\"Requested protocol 'messagepack' is not available.\"}");
            assertThat(socket.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void shouldShakeHandsAndPingAnIdleClientWithAKeepAliveInvocationNextToThePing() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), ALICE)) {
            socket.send(HANDSHAKE);

            assertThat(socket.next(WAIT)).isEqualTo("{}");
            String previous = null;
            String record = socket.next(WAIT);
            while (record != null && record.startsWith("{\"type\":1,")) {
                previous = record; // a memberUpdate for a list alice created just before, or the keep-alive invocation
                record = socket.next(WAIT);
            }
            assertThat(record).as("the IT server pings every 2 s").isEqualTo("{\"type\":6}");
            assertThat(previous).as("the app's keep-alive (no list joined)")
                    .isEqualTo("{\"type\":1,\"target\":\"keepAlive\",\"arguments\":[{}]}");
        }
    }

    @Test
    void shouldCloseWithAnErrorOnAMalformedJsonFrame() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), ALICE)) {
            socket.send(HANDSHAKE);
            assertThat(socket.next(WAIT)).isEqualTo("{}");

            socket.send("{\"type\":1,\"target\":" + RS);

            assertThat(Api.object(socket.next(WAIT)).getString("error")).startsWith("Malformed JSON message");
            assertThat(socket.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void shouldCloseWithAnErrorOnAnOversizeWebSocketMessage() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), ALICE)) {
            socket.send(HANDSHAKE);
            assertThat(socket.next(WAIT)).isEqualTo("{}");

            socket.send("{\"type\":1,\"target\":\"JoinList\",\"arguments\":[\"" + "x".repeat(40_000) + "\"]}" + RS);

            JsonObject close = Api.object(socket.next(WAIT));
            assertThat(close.getInt("type")).isEqualTo(7);
            assertThat(close.getString("error")).isEqualTo("Message exceeds the maximum size of 32768 bytes");
            assertThat(socket.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void shouldLongPollAndRefuseAnOversizeSendWithAClearError() {
        String id = connectionToken();
        assertThat(send("GET", hub("?id=" + id), null, ALICE).statusCode()).as("first poll returns at once").isEqualTo(200);
        assertThat(send("POST", hub("?id=" + id), HANDSHAKE, ALICE).statusCode()).isEqualTo(200);
        assertThat(send("GET", hub("?id=" + id), null, ALICE).body()).isEqualTo("{}" + RS);

        HttpResponse<String> oversize = send("POST", hub("?id=" + id), "{\"type\":1,\"target\":\"x\",\"arguments\":[\"" + "y".repeat(40_000), ALICE);

        assertThat(oversize.statusCode()).isEqualTo(400);
        assertThat(Api.object(oversize.body()).getString("detail")).isEqualTo("Message exceeds the maximum size of 32768 bytes");
        assertThat(send("GET", hub("?id=" + id), null, ALICE).body())
                .isEqualTo("{\"type\":7,\"error\":\"Message exceeds the maximum size of 32768 bytes\"}" + RS);
    }

    @Test
    void shouldEndAParkedPollWith204WhenTheClientDeletesTheConnection() throws Exception {
        // The test server pings every 2 s and a ping answers a parked poll (200 with a ping): when one came
        // between parking and deleting, the whole exchange is tried again on a new connection.
        HttpResponse<String> ended = null;
        for (int attempt = 0; attempt < 5 && (ended == null || isOnlyPings(ended)); attempt++) {
            ended = parkThenDelete();
        }
        assertThat(ended.statusCode()).as("the parked poll ends with 204 No Content: %s", ended.body()).isEqualTo(204);
    }

    /** Parks a long poll, deletes the connection, and returns how the parked poll ended. */
    private HttpResponse<String> parkThenDelete() throws Exception {
        String id = connectionToken();
        send("GET", hub("?id=" + id), null, ALICE);
        send("POST", hub("?id=" + id), HANDSHAKE, ALICE);
        send("GET", hub("?id=" + id), null, ALICE);
        var parked = HTTP.sendAsync(HttpRequest.newBuilder(hub("?id=" + id)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", User.ALICE.basic()).build(),
                HttpResponse.BodyHandlers.ofString());
        // Not a wait for a condition: there is none to wait for. Nothing a client can see (no answer, no metric) tells
        // that its poll has reached the server and parked, and a DELETE that overtook it would make this a test of a
        // poll on a deleted connection (404). The pause gives the poll its head start; an unlucky ping is retried above.
        Thread.sleep(300);

        assertThat(send("DELETE", hub("?id=" + id), null, ALICE).statusCode()).isEqualTo(202);
        HttpResponse<String> ended = parked.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(send("GET", hub("?id=" + id), null, ALICE).statusCode()).as("the connection is gone").isEqualTo(404);
        return ended;
    }

    private static boolean isOnlyPings(HttpResponse<String> poll) {
        // Pings, and the keepAlive invocation sent next to each (this connection has joined no list: argument {}).
        return poll.statusCode() == 200 && poll.body().replace("{\"type\":6}" + RS, "")
                .replace("{\"type\":1,\"target\":\"keepAlive\",\"arguments\":[{}]}" + RS, "").isEmpty();
    }
}
