package io.livetasks.task.feed;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.AdminMetrics;
import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongPredicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WebSocket or SSE client that vanishes without a word (its TCP connection reset, no close frame, no FIN)
 * from a list that never changes is noticed by the keep-alives (JSON frames and SSE events) and
 * released: the server's connection count goes back to where it was. The integration-test server sends them
 * every second (pom.xml); the default is 15 s. For SSE also: other clients' streams live on through it (writing
 * to a dead JAX-RS sink once ended another client's stream, which is why SSE had no keep-alives before).
 */
@ExtendWith(ArquillianExtension.class)
class VanishedClientIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    /**
     * The classes share one deployment (SharedDeploymentContainer): streams an earlier class closed or abandoned are
     * released by the same keep-alives within seconds, and must be before this class counts connections.
     */
    @BeforeEach
    void quietServer() {
        awaitConnections(new Api(base), count -> count == 0, "the streams of earlier test classes to be released");
    }

    @Test
    void shouldReleaseAWebSocketClientThatVanishedFromAQuietList() throws Exception {
        Api api = new Api(base);
        long listId = api.createList("quiet").getJsonNumber("id").longValue();
        long before = connections(api);
        URI socketUri = api.base().resolve("ws/lists/" + listId);

        try (Socket socket = new Socket(socketUri.getHost(), socketUri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + socketUri.getRawPath() + " HTTP/1.1\r\nHost: " + socketUri.getHost() + ":" + socketUri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: " + User.ALICE.basic() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).contains("101");
            awaitConnections(api, count -> count == before + 1, "the stream to be counted");

            socket.setSoLinger(true, 0); // vanish: reset, no FIN, no close frame
        }

        awaitConnections(api, count -> count == before, "the vanished stream to be released");
    }

    @Test
    void shouldReleaseSseClientsThatVanishedFromAQuietListWhileOtherStreamsLiveOn() throws Exception {
        Api api = new Api(base);
        long listId = api.createList("quiet over sse").getJsonNumber("id").longValue();
        URI events = api.base().resolve("api/lists/" + listId + "/events");
        long idle = connections(api);
        try (SseClient witness = SseClient.open(events, null)) {
            long before = idle + 1; // the witness
            awaitConnections(api, count -> count == before, "the witness stream to be counted");
            for (int round = 1; round <= 3; round++) {
                try (Socket socket = new Socket(events.getHost(), events.getPort())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET " + events.getRawPath() + " HTTP/1.1\r\nHost: " + events.getHost() + ":" + events.getPort()
                            + "\r\nAccept: text/event-stream\r\nAuthorization: " + User.ALICE.basic() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    assertThat(in.readLine()).contains("200");
                    assertThat(awaitLine(in, "event: keepAlive")).as("a keep-alive event on a quiet stream").isTrue();
                    long opened = before + 1;
                    awaitConnections(api, count -> count == opened, "the stream to be counted");

                    socket.setSoLinger(true, 0); // vanish: reset, no FIN
                }
                awaitConnections(api, count -> count == before, "vanished stream " + round + " to be released");
            }

            api.addTask(listId, "after the vanished streams");
            SseClient.Event event = witness.nextMatching(e -> "taskUpdate".equals(e.name()), Duration.ofSeconds(10));
            assertThat(event).as("the witness stream still delivers").isNotNull();
            assertThat(Api.object(event.data()).getJsonObject("task").getString("title")).isEqualTo("after the vanished streams");
            assertThat(witness.isEnded()).isFalse();
        }
    }

    /** Reads lines until {@code wanted} (true) or the stream ends (false); the socket's read timeout bounds the wait. */
    private static boolean awaitLine(BufferedReader in, String wanted) throws java.io.IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static void awaitConnections(Api api, LongPredicate condition, String what) {
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> connections(api), condition::test);
    }

    private static long connections(Api api) {
        AdminMetrics.Reply metrics = AdminMetrics.get(AdminMetrics.itServer(), "application");
        double connections = metrics.value("livetasks_connections");
        assertThat(connections).as("livetasks_connections in %s", metrics.body()).isGreaterThanOrEqualTo(0);
        return (long) connections;
    }
}
