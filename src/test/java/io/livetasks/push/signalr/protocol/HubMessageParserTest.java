package io.livetasks.push.signalr.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class HubMessageParserTest {

    @Test
    void shouldAcceptTheJsonProtocolVersion1Handshake() throws Exception {
        assertThat(HubMessageParser.handshakeError("{\"protocol\":\"json\",\"version\":1}")).isNull();
    }

    @Test
    void shouldExplainAnUnsupportedProtocolOrVersion() throws Exception {
        assertThat(HubMessageParser.handshakeError("{\"protocol\":\"messagepack\",\"version\":1}"))
                .isEqualTo("Requested protocol 'messagepack' is not available.");
        assertThat(HubMessageParser.handshakeError("{\"protocol\":\"json\",\"version\":2}")).contains("version 2");
    }

    @Test
    void shouldRejectAHandshakeThatIsNotOne() {
        assertThatThrownBy(() -> HubMessageParser.handshakeError("{\"type\":1}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> HubMessageParser.handshakeError("not json")).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("Malformed JSON message");
    }

    @Test
    void shouldParseAnInvocationWithItsArguments() throws Exception {
        HubMessage message = HubMessageParser.parse(
                "{\"type\":1,\"invocationId\":\"0\",\"target\":\"JoinList\",\"arguments\":[42,null],\"headers\":{\"a\":\"b\"}}");

        assertThat(message).isInstanceOfSatisfying(HubMessage.Invocation.class, invocation -> {
            assertThat(invocation.invocationId()).isEqualTo("0");
            assertThat(invocation.target()).isEqualTo("JoinList");
            assertThat(invocation.arguments()).hasSize(2);
            assertThat(invocation.streamIds()).isEmpty();
        });
    }

    @Test
    void shouldParseANonBlockingInvocationWithoutId() throws Exception {
        HubMessage message = HubMessageParser.parse("{\"type\":1,\"target\":\"LeaveList\",\"arguments\":[1]}");

        assertThat(((HubMessage.Invocation) message).invocationId()).isNull();
    }

    @Test
    void shouldParsePingCloseAndStreamInvocation() throws Exception {
        assertThat(HubMessageParser.parse("{\"type\":6}")).isInstanceOf(HubMessage.Ping.class);
        assertThat(HubMessageParser.parse("{\"type\":7,\"error\":\"bye\"}")).isEqualTo(new HubMessage.Close("bye"));
        assertThat(HubMessageParser.parse("{\"type\":4,\"invocationId\":\"1\",\"target\":\"S\",\"arguments\":[]}"))
                .isEqualTo(new HubMessage.StreamInvocation("1", "S"));
        assertThat(HubMessageParser.parse("{\"type\":8,\"sequenceId\":3}")).isEqualTo(new HubMessage.Ignored(8));
    }

    @Test
    void shouldRejectMalformedMessages() {
        assertThatThrownBy(() -> HubMessageParser.parse("{\"type\":1,\"target\":")).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("Malformed JSON message");
        assertThatThrownBy(() -> HubMessageParser.parse("[1]")).hasMessageContaining("Expected a JSON object");
        assertThatThrownBy(() -> HubMessageParser.parse("{\"target\":\"x\"}")).hasMessageContaining("'type'");
        assertThatThrownBy(() -> HubMessageParser.parse("{\"type\":1,\"target\":\"x\"}")).hasMessageContaining("'arguments'");
        assertThatThrownBy(() -> HubMessageParser.parse("{\"type\":1,\"arguments\":[]}")).hasMessageContaining("'target'");
        assertThatThrownBy(() -> HubMessageParser.parse("{\"type\":1,\"invocationId\":5,\"target\":\"x\",\"arguments\":[]}"))
                .hasMessageContaining("'invocationId' must be a string");
    }

    @Test
    void shouldWriteFramesTheClientParses() {
        assertThat(HubFrames.handshakeResponse(null)).isEqualTo("{}\u001e");
        assertThat(HubFrames.ping()).isEqualTo("{\"type\":6}\u001e");
        assertThat(HubFrames.close("Oops \"quoted\"", true)).isEqualTo("{\"type\":7,\"error\":\"Oops \\\"quoted\\\"\",\"allowReconnect\":true}\u001e");
        assertThat(HubFrames.close(null, false)).isEqualTo("{\"type\":7}\u001e");
        assertThat(HubFrames.completion("7", null)).isEqualTo("{\"type\":3,\"invocationId\":\"7\"}\u001e");
        assertThat(HubFrames.completion("7", "{\"v\":1}")).isEqualTo("{\"type\":3,\"invocationId\":\"7\",\"result\":{\"v\":1}}\u001e");
        assertThat(HubFrames.completionError("7", "no")).isEqualTo("{\"type\":3,\"invocationId\":\"7\",\"error\":\"no\"}\u001e");
    }

    @Test
    void shouldEmbedTheMessageJsonAsTheOnlyInvocationArgument() {
        String event = "{\"version\":3,\"action\":\"added\",\"task\":{\"title\":\"a\\nb\"}}";
        String frame = HubFrames.invocation("taskUpdate", event);

        assertThat(frame).endsWith("\u001e");
        var parsed = Json.createReader(new StringReader(frame.substring(0, frame.length() - 1))).readObject();
        assertThat(parsed.getInt("type")).isEqualTo(1);
        assertThat(parsed.getString("target")).isEqualTo("taskUpdate");
        assertThat(parsed.containsKey("invocationId")).isFalse();
        assertThat(parsed.getJsonArray("arguments").get(0).toString()).isEqualTo(event);
    }

    @Test
    void shouldQuoteEveryCharacterAsJsonReadsItBack() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x250; c++) {
            every.append(c);
        }
        String text = every + "\u2028 \uD83D\uDE00 \"quoted\" back\\slash";

        String quoted = HubFrames.quote(text);

        assertThat(jakarta.json.Json.createReader(new java.io.StringReader("[" + quoted + "]")).readArray().getString(0))
                .isEqualTo(text);
        assertThat(quoted).doesNotContain("\n", "\r", "\u0000", "\u001e");
    }
}
