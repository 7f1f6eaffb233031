package io.livetasks.push.signalr;

import io.livetasks.push.signalr.auth.HubSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Version;
import io.livetasks.push.Connection;
import io.livetasks.push.Hub;
import io.livetasks.push.Message;
import io.livetasks.push.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignalRConnectionTest {

    private static final String RS = "\u001e";
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;

    private final Hub hub = new Hub(4);
    private HubDefinition definition;
    private SignalRConnection connection;
    private RecordingTransport transport;

    @BeforeEach
    void connect() {
        definition = new HubDefinition("tasks", hub)
                .method("Add", 2, 2, call -> call.longArgument(0, "a") + call.longArgument(1, "b"))
                .method("Fail", 0, 0, call -> {
                    throw new HubException("It didn't work!");
                })
                .method("Crash", 0, 0, call -> {
                    throw new IllegalStateException("secret internals");
                })
                .method("Join", 1, 1, call -> {
                    call.joinGroup(call.stringArgument(0, "group"));
                    return null;
                });
        connection = new SignalRConnection(definition, "alice", 1, HubSettings.defaults(), Clock.systemUTC());
        transport = new RecordingTransport(Transport.Type.WebSockets);
        assertThat(connection.attach(transport)).isTrue();
    }

    @Test
    void shouldAnswerTheHandshakeAndJoinTheHub() {
        connection.receive(HANDSHAKE);

        assertThat(transport.written).containsExactly("{}" + RS);
        assertThat(hub.connection(connection.id())).isSameAs(connection);
    }

    @Test
    void shouldRefuseAnUnknownProtocolWithAHandshakeErrorAndClose() {
        connection.receive("{\"protocol\":\"messagepack\",\"version\":1}" + RS);

        assertThat(transport.written).containsExactly("{\"error\":\"Requested protocol 'messagepack' is not available.\"}" + RS);
        assertThat(connection.isClosed()).isTrue();
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void shouldSendACloseMessageAllowingReconnectWhenTheServerStops() {
        connection.receive(HANDSHAKE);

        hub.shutdown();

        assertThat(transport.records()).containsExactly("{}",
                "{\"type\":7,\"error\":\"" + Hub.SHUTTING_DOWN + "\",\"allowReconnect\":true}");
        assertThat(connection.isClosed()).isTrue();
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void shouldAnswerAnInvocationWithItsResult() {
        connection.receive(HANDSHAKE + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Add\",\"arguments\":[40,2]}" + RS);

        assertThat(transport.records()).containsExactly("{}", "{\"type\":3,\"invocationId\":\"1\",\"result\":42}");
    }

    @Test
    void shouldPassAHubExceptionMessageButHideOtherErrors() {
        connection.receive(HANDSHAKE
                + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Fail\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"invocationId\":\"2\",\"target\":\"Crash\",\"arguments\":[]}" + RS);

        assertThat(transport.records()).containsExactly("{}",
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"It didn't work!\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking 'Crash' on the server.\"}");
        assertThat(connection.isClosed()).isFalse();
    }

    @Test
    void shouldFailUnknownMethodsWrongArgumentCountsAndStreams() {
        connection.receive(HANDSHAKE
                + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Nope\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"invocationId\":\"2\",\"target\":\"Add\",\"arguments\":[1]}" + RS
                + "{\"type\":4,\"invocationId\":\"3\",\"target\":\"Add\",\"arguments\":[1,2]}" + RS
                + "{\"type\":1,\"invocationId\":\"4\",\"target\":\"Add\",\"arguments\":[\"x\",2]}" + RS);

        assertThat(transport.records()).containsExactly("{}",
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"Unknown hub method 'Nope'\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"Invocation provides 1 argument(s) but target 'Add' expects 2.\"}",
                "{\"type\":3,\"invocationId\":\"3\",\"error\":\"Streaming hub methods are not supported by this server.\"}",
                "{\"type\":3,\"invocationId\":\"4\",\"error\":\"Argument 'a' must be a whole number\"}");
    }

    @Test
    void shouldNotAnswerANonBlockingInvocation() {
        connection.receive(HANDSHAKE + "{\"type\":1,\"target\":\"Join\",\"arguments\":[\"g\"]}" + RS);

        assertThat(transport.records()).containsExactly("{}");
        assertThat(hub.groupSize("g")).isEqualTo(1);
    }

    @Test
    void shouldCloseWithAnErrorOnMalformedJson() {
        connection.receive(HANDSHAKE + "{\"type\":1,\"target\"" + RS);

        assertThat(transport.records()).hasSize(2);
        assertThat(transport.records().get(1)).startsWith("{\"type\":7,\"error\":\"Malformed JSON message");
        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.protocolFailure()).startsWith("Malformed JSON message");
    }

    @Test
    void shouldCloseWithAnErrorOnAnOversizeMessage() {
        connection.receive(HANDSHAKE);
        connection.receive("{\"type\":1,\"target\":\"Add\",\"arguments\":[\"" + "x".repeat(40_000));

        assertThat(transport.records()).containsExactly("{}", "{\"type\":7,\"error\":\"Message exceeds the maximum size of 32768 bytes\"}");
        assertThat(connection.isClosed()).isTrue();
        assertThat(transport.endedWith).contains("maximum size");
    }

    @Test
    void shouldFrameHubMessagesAsInvocationsWithTheJsonAsArgument() {
        connection.receive(HANDSHAKE);

        hub.sendToUser("alice", Message.of("taskUpdate", "{\"version\":1}"));

        assertThat(transport.records()).containsExactly("{}", "{\"type\":1,\"target\":\"taskUpdate\",\"arguments\":[{\"version\":1}]}");
    }

    @Test
    void shouldCloseOnTheClientsCloseMessage() {
        connection.receive(HANDSHAKE + "{\"type\":7}" + RS);

        assertThat(connection.isClosed()).isTrue();
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void shouldRefuseASecondTransport() {
        assertThat(connection.attach(new RecordingTransport(Transport.Type.LongPolling))).isFalse();
    }

    @Test
    void shouldKeepOneVersionCursorPerSubscription() {
        connection.receive(HANDSHAKE);
        Subscription listA = connection.subscribe("list:1");
        Subscription listB = connection.subscribe("list:2");

        listA.offer(update("{\"a\":10}", 10));
        listB.offer(update("{\"b\":5}", 5));
        listA.offer(update("{\"a\":10}", 10));

        assertThat(transport.records()).containsExactly("{}",
                "{\"type\":1,\"target\":\"taskUpdate\",\"arguments\":[{\"a\":10}]}",
                "{\"type\":1,\"target\":\"taskUpdate\",\"arguments\":[{\"b\":5}]}");
    }

    @Test
    void shouldEndSubscriptionsWithTheConnection() {
        connection.receive(HANDSHAKE);
        Subscription subscription = connection.subscribe("list:1");
        hub.join("list:1", subscription);

        connection.close("bye");

        assertThat(subscription.isClosed()).isTrue();
        assertThat(hub.groupSize("list:1")).isZero();
    }

    @Test
    void shouldDropASlowConsumerWithoutAwaitingItsQueue() {
        connection.receive(HANDSHAKE);
        transport.hold();

        for (int i = 0; i < 10; i++) {
            hub.sendToAll(Message.of("taskUpdate", "{}"));
        }

        assertThat(connection.isClosed()).isTrue();
        assertThat(transport.endedWith).isEqualTo(Connection.SLOW_CONSUMER);
    }

    @Test
    void shouldReplayMoreThanTheQueueCapacityToARejoinedListAndStayConnected() {
        connection.receive(HANDSHAKE);
        transport.hold();
        Subscription list = connection.subscribe("list:1");

        assertThat(list.replay(updates(1, 40))).isTrue();
        transport.releaseAll();

        assertThat(connection.isClosed()).as("a replay is not live traffic: capacity is 4").isFalse();
        assertThat(transport.records()).hasSize(41).endsWith(invocation("{\"v\":40}"));
        assertThat(list.deliveredThrough()).isEqualTo(Version.of(40));
    }

    @Test
    void shouldStillDropASlowConsumerWhenLiveChangesFollowAReplay() {
        connection.receive(HANDSHAKE);
        transport.hold();
        Subscription list = connection.subscribe("list:1");
        list.replay(updates(1, 40));

        for (int v = 41; v <= 50 && !connection.isClosed(); v++) {
            list.offer(update("{\"v\":" + v + "}", v));
        }

        assertThat(connection.isClosed()).isTrue();
        assertThat(transport.endedWith).isEqualTo(Connection.SLOW_CONSUMER);
    }

    @Test
    void shouldReplayAHugeBacklogOverASynchronousTransportWithoutOverflowingTheStack() {
        connection.receive(HANDSHAKE);
        Subscription list = connection.subscribe("list:1");

        list.replay(updates(1, 100_000));

        assertThat(connection.isClosed()).isFalse();
        List<String> records = transport.records();
        assertThat(records).hasSize(100_001);
        assertThat(records.get(1)).isEqualTo(invocation("{\"v\":1}"));
        assertThat(records.get(100_000)).isEqualTo(invocation("{\"v\":100000}"));
    }

    @Test
    void shouldSendWhatQueuedUpMeanwhileAsOneWriteOfRecordsInOrder() {
        connection.receive(HANDSHAKE);
        Subscription list = connection.subscribe("list:1");
        transport.hold(); // the client is not reading: the next write stays in flight

        list.offer(update("{\"v\":1}", 1));
        list.offer(update("{\"v\":2}", 2));
        list.offer(update("{\"v\":3}", 3));
        assertThat(transport.written).hasSize(2); // the handshake answer, then v1 alone

        transport.releaseAll();

        assertThat(transport.written).containsExactly("{}" + RS, invocation("{\"v\":1}") + RS,
                invocation("{\"v\":2}") + RS + invocation("{\"v\":3}") + RS);
    }

    @Test
    void shouldPutAtMostTheBatchLimitOfRecordsInOneWrite() {
        connection.receive(HANDSHAKE);
        Subscription list = connection.subscribe("list:1");

        list.replay(updates(1, 1_000));

        assertThat(transport.written).allSatisfy(write ->
                assertThat(write.split(RS)).hasSizeLessThanOrEqualTo(SignalRConnection.BATCH_LIMIT));
        assertThat(transport.records()).hasSize(1_001);
    }

    private static Message update(String json, long version) {
        return Message.versioned("taskUpdate", json, Version.of(version), true);
    }

    private static List<Message> updates(long from, long to) {
        List<Message> updates = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            updates.add(update("{\"v\":" + v + "}", v));
        }
        return updates;
    }

    private static String invocation(String json) {
        return "{\"type\":1,\"target\":\"taskUpdate\",\"arguments\":[" + json + "]}";
    }
}
