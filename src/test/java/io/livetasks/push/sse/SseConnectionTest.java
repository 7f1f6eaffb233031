package io.livetasks.push.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Version;
import io.livetasks.push.Message;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseConnectionTest {

    private static String event(Message message) {
        return new String(SseConnection.event(message), StandardCharsets.UTF_8);
    }

    @Test
    void shouldNameTheEventAfterItsTargetAndCarryTheJsonAsData() {
        assertThat(event(Message.of("resync", "{\"a\":1}"))).isEqualTo("event: resync\ndata: {\"a\":1}\n\n");
    }

    @Test
    void shouldSendTheVersionAsIdOnlyOnTheLastEventOfAVersion() {
        assertThat(event(Message.versioned("taskUpdate", "{}", Version.of(7), false))).doesNotContain("id:");
        assertThat(event(Message.versioned("taskUpdate", "{}", Version.of(7), true)))
                .isEqualTo("event: taskUpdate\nid: 7\ndata: {}\n\n");
    }

    @Test
    void shouldSplitLineBreaksInTheDataIntoDataLines() {
        assertThat(event(Message.of("t", "a\r\nb\nc"))).isEqualTo("event: t\ndata: a\ndata: b\ndata: c\n\n");
    }

    @Test
    void shouldSendAKeepAliveAsAnEventTheEventSourceSeesWithTheVersionDeliveredCompletelyAsId() {
        assertThat(event(Message.keepAlive("{\"version\":42}", Version.of(42))))
                .isEqualTo("event: keepAlive\nid: 42\ndata: {\"version\":42}\n\n");
    }

    @Test
    void shouldTakeTheHubsKeepAlives() {
        assertThat(new SseConnection("alice", 10, Runnable::run, Runnable::run).wantsKeepAlives()).isTrue();
    }
}
