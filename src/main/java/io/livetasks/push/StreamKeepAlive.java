package io.livetasks.push;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds vanished and stalled clients on every connection, even on a list that never changes: every
 * {@code livetasks.stream.keep-alive.seconds} (default 15) each plain SSE or WebSocket connection with
 * nothing on its way gets a keep-alive (an SSE {@code keepAlive} event, a WebSocket JSON frame; both carry the version
 * delivered completely, {@link Subscription#keepAlive()}) — writing it to a client that
 * went away fails and closes the connection — and any connection whose send has been in flight longer than
 * {@code livetasks.stream.send-timeout.seconds} (default 30) is closed. A vanished client is so released
 * within about 45 s by default. One scheduled task for all connections; it never throws.
 */
@ApplicationScoped
public class StreamKeepAlive {

    private static final Logger LOG = Logger.getLogger(StreamKeepAlive.class.getName());

    private final Hub hub;
    private final ManagedScheduledExecutorService executor;
    private final Duration interval;
    private final Duration sendTimeout;
    private ScheduledFuture<?> schedule;

    @Inject
    public StreamKeepAlive(Hub hub, ManagedScheduledExecutorService executor,
                           @ConfigProperty(name = "livetasks.stream.keep-alive.seconds", defaultValue = "15") long intervalSeconds,
                           @ConfigProperty(name = "livetasks.stream.send-timeout.seconds", defaultValue = "30") long sendTimeoutSeconds) {
        this.hub = hub;
        this.executor = executor;
        this.interval = Duration.ofSeconds(intervalSeconds);
        this.sendTimeout = Duration.ofSeconds(sendTimeoutSeconds);
    }

    /** For the CDI proxy only. */
    protected StreamKeepAlive() {
        this(null, null, 15, 30);
    }

    synchronized void onStart(@Observes Startup startup) {
        if (schedule == null) {
            schedule = executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** One round over every connection; public for tests. */
    public void run() {
        try {
            long now = System.nanoTime();
            for (Connection connection : hub.connections()) {
                connection.keepAlive(now, sendTimeout.toNanos());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Keep-alive round failed; the next one runs as scheduled", e);
        }
    }
}
