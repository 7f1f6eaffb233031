package io.livetasks.push.signalr;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.push.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WebSocketTransportTest {

    /** What the fake session was asked to close with. */
    private final List<CloseReason> closes = new ArrayList<>();
    private final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "isOpen" -> closes.isEmpty();
                case "close" -> {
                    closes.add(args == null ? null : (CloseReason) args[0]);
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "fake session";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void shouldCloseTheSessionOnTheExecutorNotOnTheCallersThread() {
        List<Runnable> scheduled = new ArrayList<>();
        WebSocketTransport transport = new WebSocketTransport(scheduled::add);
        transport.opened(session);

        transport.end("client timeout");

        assertThat(closes).as("closed on the caller's thread (a Liberty I/O thread in a send's completion)").isEmpty();
        assertThat(scheduled).hasSize(1);
        scheduled.get(0).run();
        assertThat(closes).singleElement().satisfies(reason -> {
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            assertThat(reason.getReasonPhrase()).isEqualTo("client timeout");
        });
    }

    @Test
    void shouldCloseASlowConsumerWithPolicyViolation() {
        List<Runnable> scheduled = new ArrayList<>();
        WebSocketTransport transport = new WebSocketTransport(scheduled::add);
        transport.opened(session);

        transport.end(Connection.SLOW_CONSUMER);
        scheduled.forEach(Runnable::run);

        assertThat(closes).singleElement().satisfies(reason ->
                assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY));
    }

    @Test
    void shouldCloseOnTheCallersThreadWhenTheExecutorIsStopping() {
        WebSocketTransport transport = new WebSocketTransport(task -> {
            throw new RejectedExecutionException("shutting down");
        });
        transport.opened(session);

        transport.end("server stopping");

        assertThat(closes).hasSize(1);
    }
}
