package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    @Test
    void shouldCloseOnceAndRunItsCloseActions() {
        ManualConnection connection = new ManualConnection(10);
        List<String> closes = new ArrayList<>();
        connection.onClose(() -> closes.add("closed"));

        connection.close("bye");
        connection.close("again");

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo("bye");
        assertThat(closes).containsExactly("closed");
        assertThat(connection.offer(Message.of("t", "after close"))).isFalse();
        assertThat(connection.subscription().isClosed()).isTrue();
    }

    @Test
    void shouldBeClosedAsASlowConsumerWhenItsOutboxOverflows() {
        ManualConnection connection = new ManualConnection(1);

        connection.offer(Message.of("t", "in flight"));
        connection.offer(Message.of("t", "queued"));
        assertThat(connection.offer(Message.of("t", "overflow"))).isFalse();

        assertThat(connection.closedWith).isEqualTo(Connection.SLOW_CONSUMER);
    }

    @Test
    void shouldFinishOnlyAfterTheQueueDrained() {
        ManualConnection connection = new ManualConnection(10);
        connection.offer(Message.of("t", "resync"));
        connection.finish("resync");
        assertThat(connection.isClosed()).isFalse();

        connection.completeAll();

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.closedWith).isEqualTo("resync");
    }
}
