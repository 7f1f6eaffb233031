package io.livetasks.push.signalr;

import io.livetasks.push.signalr.auth.TokenClaims;
import io.livetasks.push.signalr.auth.TokenSigner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SignalR endpoints on the real server, driven by raw Java clients: negotiate, tokens, the transports'
 * HTTP semantics and every refusal (each a clear error), with the server checked healthy after each test.
 */
@ExtendWith(ArquillianExtension.class)
class SignalRProtocolIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RS = "\u001e";
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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

    @AfterEach
    void serverStillHealthy() {
        // Health lives at the server root, whatever the application's context root.
        assertThat(send("GET", api.base().resolve("/health/ready"), null, Map.of()).statusCode()).isEqualTo(200);
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

    private HttpResponse<String> negotiate(int version) {
        return send("POST", hub("/negotiate?negotiateVersion=" + version), "", Map.of());
    }

    private String connectionToken() {
        return Api.object(negotiate(1).body()).getString("connectionToken");
    }

    private static String token(Instant expires, String audience) {
        byte[] secret = System.getProperty("it.token.secret", "integration-tests-only-token-secret").getBytes(StandardCharsets.UTF_8);
        return new TokenSigner(secret, Clock.systemUTC()).sign(new TokenClaims("tester", audience, expires));
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
        JsonObject body = Api.object(send("POST", hub("/negotiate"), "", Map.of()).body());

        assertThat(body.getInt("negotiateVersion")).isZero();
        assertThat(body.containsKey("connectionToken")).isFalse();
        assertThat(send("GET", hub("?id=" + body.getString("connectionId")), null, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRedirectThroughApiNegotiateWithATokenTheHubAccepts() {
        JsonObject redirect = Api.object(send("POST", api.base().resolve("api/negotiate"), "", Map.of("x-user", "alice")).body());

        assertThat(redirect.getString("url")).isEqualTo(api.base().resolve("hubs/tasks").toString());
        HttpResponse<String> negotiated = send("POST", URI.create(redirect.getString("url") + "/negotiate?negotiateVersion=1"), "",
                Map.of("Authorization", "Bearer " + redirect.getString("accessToken")));
        assertThat(negotiated.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAForgedOrExpiredTokenWith401() throws Exception {
        String audience = hub("").toString();
        String valid = token(Instant.now().plusSeconds(600), audience);
        String forged = valid.substring(0, valid.length() - 3) + (valid.endsWith("AAA") ? "BBB" : "AAA");
        String expired = token(Instant.now().minusSeconds(60), audience);
        String otherHub = token(Instant.now().plusSeconds(600), api.base().resolve("hubs/other").toString());

        for (String bad : new String[] {forged, expired, otherHub, "garbage"}) {
            HttpResponse<String> refused = send("POST", hub("/negotiate?negotiateVersion=1"), "", Map.of("Authorization", "Bearer " + bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?access_token=" + bad), Map.of()))))
                    .isEqualTo(401);
        }
        assertThat(send("POST", hub("/negotiate?negotiateVersion=1"), "", Map.of("Authorization", "Bearer " + valid)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswer404ForAnUnknownConnectionToken() {
        assertThat(send("GET", hub("?id=no-such-connection"), null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("POST", hub("?id=no-such-connection"), HANDSHAKE, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", hub("?id=no-such-connection"), null, Map.of("Accept", "text/event-stream")).statusCode()).isEqualTo(404);
        assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?id=no-such-connection"), Map.of()))))
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerUnknownHubsPathsAndMethodsClearly() {
        assertThat(send("POST", api.base().resolve("hubs/nope/negotiate"), "", Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", hub("/something"), null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", hub(""), null, Map.of()).statusCode()).as("no connection id").isEqualTo(400);
        assertThat(send("PUT", hub("?id=" + connectionToken()), "", Map.of()).statusCode()).isEqualTo(405);
        assertThat(send("GET", hub("/negotiate"), null, Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void shouldRefuseASecondTransportForOneConnectionWith409() throws Exception {
        String token = connectionToken();
        try (HubSocket socket = HubSocket.connect(hub("?id=" + token), Map.of())) {
            assertThat(handshakeStatus(catchThrowable(() -> HubSocket.connect(hub("?id=" + token), Map.of())))).isEqualTo(409);
            assertThat(send("GET", hub("?id=" + token), null, Map.of()).statusCode()).isEqualTo(409);
            assertThat(send("POST", hub("?id=" + token), HANDSHAKE, Map.of()).statusCode()).isEqualTo(409);
        }
    }

    @Test
    void shouldAnswerABadHandshakeWithAnErrorAndClose() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), Map.of())) {
            socket.send("{\"protocol\":\"messagepack\",\"version\":1}" + RS);

            assertThat(socket.next(WAIT)).isEqualTo("{\"error\":\"Requested protocol 'messagepack' is not available.\"}");
            assertThat(socket.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void shouldShakeHandsAndPingAnIdleClient() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), Map.of())) {
            socket.send(HANDSHAKE);

            assertThat(socket.next(WAIT)).isEqualTo("{}");
            assertThat(socket.next(WAIT)).as("the IT server pings every 2 s").isEqualTo("{\"type\":6}");
        }
    }

    @Test
    void shouldCloseWithAnErrorOnAMalformedJsonFrame() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), Map.of())) {
            socket.send(HANDSHAKE);
            assertThat(socket.next(WAIT)).isEqualTo("{}");

            socket.send("{\"type\":1,\"target\":" + RS);

            assertThat(Api.object(socket.next(WAIT)).getString("error")).startsWith("Malformed JSON message");
            assertThat(socket.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void shouldCloseWithAnErrorOnAnOversizeWebSocketMessage() throws Exception {
        try (HubSocket socket = HubSocket.connect(hub(""), Map.of())) {
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
        assertThat(send("GET", hub("?id=" + id), null, Map.of()).statusCode()).as("first poll returns at once").isEqualTo(200);
        assertThat(send("POST", hub("?id=" + id), HANDSHAKE, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", hub("?id=" + id), null, Map.of()).body()).isEqualTo("{}" + RS);

        HttpResponse<String> oversize = send("POST", hub("?id=" + id), "{\"type\":1,\"target\":\"x\",\"arguments\":[\"" + "y".repeat(40_000), Map.of());

        assertThat(oversize.statusCode()).isEqualTo(400);
        assertThat(Api.object(oversize.body()).getString("detail")).isEqualTo("Message exceeds the maximum size of 32768 bytes");
        assertThat(send("GET", hub("?id=" + id), null, Map.of()).body())
                .isEqualTo("{\"type\":7,\"error\":\"Message exceeds the maximum size of 32768 bytes\"}" + RS);
    }

    @Test
    void shouldEndAParkedPollWith204WhenTheClientDeletesTheConnection() throws Exception {
        String id = connectionToken();
        send("GET", hub("?id=" + id), null, Map.of());
        send("POST", hub("?id=" + id), HANDSHAKE, Map.of());
        send("GET", hub("?id=" + id), null, Map.of());
        var parked = HTTP.sendAsync(HttpRequest.newBuilder(hub("?id=" + id)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);

        assertThat(send("DELETE", hub("?id=" + id), null, Map.of()).statusCode()).isEqualTo(202);
        int parkedStatus = parked.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).statusCode();
        assertThat(parkedStatus).as("a ping may have answered the poll first").isIn(200, 204);
        assertThat(send("GET", hub("?id=" + id), null, Map.of()).statusCode()).isEqualTo(404);
    }
}
