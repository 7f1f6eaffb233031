package io.livetasks.push.signalr;

import io.livetasks.testing.MutableClock;
import io.livetasks.push.signalr.auth.HubSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.push.Hub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignalRConnectionsTest {

    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e";
    /** The defaults but for the disconnect timeout, which no other setting shares then. */
    private static final HubSettings DISCONNECT_IN_7_S = new HubSettings(Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofSeconds(7), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(20), 32 * 1024);

    private final MutableClock clock = new MutableClock();
    private final SignalRConnections connections = new SignalRConnections(HubSettings.defaults(), null, clock);
    private final HubDefinition hub = new HubDefinition("tasks", new Hub(10)).sendKeepAlives();

    private SignalRConnection connected(RecordingTransport transport) {
        SignalRConnection connection = connections.create(hub, null, 1);
        connection.attach(transport);
        connection.receive(HANDSHAKE);
        return connection;
    }

    @Test
    void shouldFindAConnectionByItsTokenUntilItCloses() {
        SignalRConnection connection = connections.create(hub, "bob", 1);

        assertThat(connection.token()).isNotEqualTo(connection.id()).hasSizeGreaterThan(20);
        assertThat(connections.find(connection.token())).containsSame(connection);
        assertThat(connections.find(connection.id())).isEmpty();
        connection.close("test");
        assertThat(connections.find(connection.token())).isEmpty();
    }

    @Test
    void shouldUseTheConnectionIdAsTokenForNegotiateVersion0() {
        SignalRConnection connection = connections.create(hub, null, 0);

        assertThat(connections.find(connection.id())).containsSame(connection);
    }

    @Test
    void shouldDropANegotiatedConnectionThatNoTransportTookUp() {
        SignalRConnection connection = connections.create(hub, null, 1);

        clock.advance(Duration.ofSeconds(29));
        connections.sweep();
        assertThat(connection.isClosed()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        connections.sweep();
        assertThat(connection.isClosed()).isTrue();
        assertThat(connections.size()).isZero();
    }

    @Test
    void shouldCloseAConnectionThatNeverShookHands() {
        SignalRConnection connection = connections.create(hub, null, 1);
        connection.attach(new RecordingTransport(Transport.Type.WebSockets));

        clock.advance(Duration.ofSeconds(16));
        connections.sweep();

        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void shouldPingAnIdleConnectionEveryKeepAliveInterval() {
        RecordingTransport transport = new RecordingTransport(Transport.Type.WebSockets);
        SignalRConnection connection = connected(transport);

        clock.advance(Duration.ofSeconds(10));
        connection.receive("{\"type\":6}\u001e");
        connections.sweep();
        assertThat(transport.records()).containsExactly("{}");
        clock.advance(Duration.ofSeconds(5));
        connections.sweep();
        assertThat(transport.records()).containsExactly("{}", "{\"type\":1,\"target\":\"keepAlive\",\"arguments\":[{}]}", "{\"type\":6}");
    }

    @Test
    void shouldSendNoKeepAliveInvocationOnAHubThatDidNotAskForThem() {
        RecordingTransport transport = new RecordingTransport(Transport.Type.WebSockets);
        SignalRConnection connection = connections.create(new HubDefinition("publish", new Hub(10)), null, 1);
        connection.attach(transport);
        connection.receive(HANDSHAKE);

        clock.advance(Duration.ofSeconds(15));
        connections.sweep();

        assertThat(transport.records()).containsExactly("{}", "{\"type\":6}");
    }

    @Test
    void shouldSendEachJoinedListsKeepAliveWithTheVersionDeliveredToItNextToThePing() {
        RecordingTransport transport = new RecordingTransport(Transport.Type.WebSockets);
        SignalRConnection connection = connected(transport);
        io.livetasks.push.Subscription list = connection.subscribe("list:3");
        list.describeKeepAlives(version -> "{\"listId\":3,\"version\":" + version.value() + "}");
        list.advanceTo(io.livetasks.changefeed.Version.of(17));

        clock.advance(Duration.ofSeconds(15));
        connections.sweep();

        assertThat(transport.records()).containsExactly("{}",
                "{\"type\":1,\"target\":\"keepAlive\",\"arguments\":[{\"listId\":3,\"version\":17}]}", "{\"type\":6}");
    }

    @Test
    void shouldCloseAClientThatSentNothingForTheClientTimeout() {
        RecordingTransport transport = new RecordingTransport(Transport.Type.ServerSentEvents);
        SignalRConnection connection = connected(transport);

        clock.advance(Duration.ofSeconds(31));
        connections.sweep();

        assertThat(connection.isClosed()).isTrue();
        assertThat(transport.records()).last().asString().startsWith("{\"type\":7,\"error\":\"Client timeout").contains("\"allowReconnect\":true");
    }

    @Test
    void shouldDropALongPollingClientThatHadNoPollOutstandingForTheDisconnectTimeout() {
        SignalRConnections connections = new SignalRConnections(DISCONNECT_IN_7_S, null, clock);
        SignalRConnection connection = connections.create(hub, null, 1);
        connection.attach(new LongPollingTransport(connection, Duration.ofSeconds(20), clock));
        connection.receive(HANDSHAKE);
        // No poll ever comes for the handshake's answer: the page that polled was closed.

        clock.advance(Duration.ofSeconds(6));
        connections.sweep();
        assertThat(connection.isClosed()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        connections.sweep();

        assertThat(connection.isClosed()).as("dropped after the disconnect timeout (7 s), not the client timeout (30 s)").isTrue();
        assertThat(connections.size()).isZero();
    }

    @Test
    void shouldCountALongPollUntilItsAnswerIsOutNotFromWhenTheAnswerBegan() throws Exception {
        SignalRConnections connections = new SignalRConnections(DISCONNECT_IN_7_S, null, clock);
        SignalRConnection connection = connections.create(hub, null, 1);
        LongPollingTransport transport = new LongPollingTransport(connection, Duration.ofSeconds(20), clock);
        connection.attach(transport);
        connection.receive(HANDSHAKE);
        FakePoll first = new FakePoll();
        transport.poll(first.request, first.response);
        assertThat(first.body()).as("the handshake's answer").isEqualTo("{}\u001e");
        FakePoll parked = new FakePoll().stall();
        transport.poll(parked.request, parked.response);
        assertThat(parked.parked()).isTrue();

        clock.advance(Duration.ofSeconds(16));
        connections.sweep(); // the keep-alive takes the parked poll; its answer waits for a slow link
        assertThat(connection.isClosed()).as("a parked poll is outstanding").isFalse();
        assertThat(parked.completed()).isFalse();
        clock.advance(Duration.ofSeconds(8));
        connections.sweep();
        assertThat(connection.isClosed()).as("a poll whose answer is still being written is outstanding").isFalse();

        parked.drain();
        assertThat(parked.completed()).isTrue();
        assertThat(parked.body()).as("the keep-alive").startsWith("{\"type\":1,\"target\":\"keepAlive\"");
        clock.advance(Duration.ofSeconds(6));
        connections.sweep();
        assertThat(connection.isClosed()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        connections.sweep();
        assertThat(connection.isClosed()).as("no poll for 8 s after the answer went out").isTrue();
    }

    @Test
    void shouldCloseAConnectionWithAnErrorThatAllowsReconnectingWhenItsAccessTokenExpires() {
        RecordingTransport transport = new RecordingTransport(Transport.Type.WebSockets);
        SignalRConnection connection = connected(transport);
        connection.expireBy(clock.instant().plusSeconds(10));

        clock.advance(Duration.ofSeconds(9));
        connection.receive("{\"type\":6}\u001e");
        connections.sweep();
        assertThat(connection.isClosed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        connections.sweep();

        assertThat(connection.isClosed()).isTrue();
        assertThat(transport.records()).last().asString()
                .isEqualTo("{\"type\":7,\"error\":\"Unauthorized: the access token expired\",\"allowReconnect\":true}");
    }

    @Test
    void shouldKeepTheEarliestExpiryOfTheTokensAConnectionWasOpenedWith() {
        SignalRConnection connection = connected(new RecordingTransport(Transport.Type.LongPolling));

        connection.expireBy(clock.instant().plusSeconds(5));
        connection.expireBy(clock.instant().plusSeconds(600));
        connection.expireBy(null);

        assertThat(connection.expiresAt()).isEqualTo(clock.instant().plusSeconds(5).toEpochMilli());
    }

    @Test
    void shouldNotExpireAConnectionAuthenticatedWithoutAToken() {
        RecordingTransport transport = new RecordingTransport(Transport.Type.WebSockets);
        SignalRConnection connection = connected(transport);

        for (int minute = 0; minute < 60; minute++) {
            clock.advance(Duration.ofMinutes(1));
            connection.receive("{\"type\":6}\u001e");
            connections.sweep();
        }

        assertThat(connection.isClosed()).isFalse();
    }
}
