package io.livetasks.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * How many push connections one client and the whole instance may hold, over every transport (plain SSE,
 * plain WebSocket, SignalR from negotiate on): {@code livetasks.limits.connections-per-client} (default 50,
 * per signed-in user, else per remote address) and {@code livetasks.limits.connections-per-instance}
 * (default 10,000; file descriptors cap this machine near 20,000). A client over a limit is refused (429 with
 * {@code Retry-After}, or WebSocket close 1013) before anything is set up for it.
 */
@ApplicationScoped
public class ConnectionLimits {

    /** Seconds a refused client is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** A counted connection; {@link #release()} (idempotent) when it closes. */
    public static final class Permit {
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Runnable release) {
            this.release = release;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    private final int perClient;
    private final int perInstance;
    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Counter refused;

    @Inject
    public ConnectionLimits(@ConfigProperty(name = "livetasks.limits.connections-per-client", defaultValue = "50") int perClient,
                            @ConfigProperty(name = "livetasks.limits.connections-per-instance", defaultValue = "10000") int perInstance,
                            MetricRegistry metrics) {
        this.perClient = perClient;
        this.perInstance = perInstance;
        this.refused = metrics == null ? null : metrics.counter(Metadata.builder()
                .withName("livetasks.limits.connections.refused")
                .withDescription("Connections refused because a client or the instance reached its limit").build());
    }

    /** For the CDI proxy only. */
    protected ConnectionLimits() {
        this(1, 1, null);
    }

    /**
     * Counts one more connection of {@code client} (a user name, or a remote address for anonymous clients).
     *
     * @return the permit to release when the connection closes, or empty when a limit is reached
     */
    public Optional<Permit> admit(String client) {
        if (total.incrementAndGet() > perInstance) {
            total.decrementAndGet();
            refuse();
            return Optional.empty();
        }
        boolean[] admitted = {false};
        byClient.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = current < perClient;
            return admitted[0] ? current + 1 : count;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            refuse();
            return Optional.empty();
        }
        return Optional.of(new Permit(() -> {
            byClient.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
            total.decrementAndGet();
        }));
    }

    /** Connections counted now. */
    public int connections() {
        return total.get();
    }

    private void refuse() {
        if (refused != null) {
            refused.inc();
        }
    }
}
