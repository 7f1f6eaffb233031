package io.livetasks.task.feed;

import io.livetasks.push.Hub;
import io.livetasks.push.signalr.SignalRConnection;
import io.livetasks.push.sse.SseConnection;
import io.livetasks.push.websocket.WebSocketConnection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Operational figures at {@code /metrics} (scope {@code application}) besides the poller's own
 * ({@link PollMetrics}) and the push counters ({@code io.livetasks.push.PushCounters}): open connections, in
 * all and by transport; the version pushed so far; the poll lag (seconds since the last successful poll, which
 * grows while the database is unreachable); and resyncs sent. Enough to alert on a stuck or failing feed and to
 * see that database load follows instances, not clients. Gauges for levels, counters for what only grows.
 */
@ApplicationScoped
public class FeedMetrics {

    private final TaskFeed feed;
    private final Hub hub;
    private final MetricRegistry metrics;
    private final Counter resyncs;
    private volatile Instant started;

    @Inject
    public FeedMetrics(TaskFeed feed, Hub hub, MetricRegistry metrics) {
        this.feed = feed;
        this.hub = hub;
        this.metrics = metrics;
        this.resyncs = metrics == null ? null : metrics.counter(Metadata.builder().withName("livetasks.feed.resyncs")
                .withDescription("Resync events sent: a client's version was too old to replay, it reloads the list").build());
    }

    /** For the CDI proxy only. */
    protected FeedMetrics() {
        this(null, null, null);
    }

    /** Registers the gauges at start-up. */
    void onStart(@Observes Startup startup) {
        started = Instant.now();
        gauge("livetasks.connections", null, "Open client connections (WebSocket, SSE, SignalR) on this instance",
                MetricUnits.NONE, () -> hub.connectionCount());
        for (String transport : transports()) {
            gauge("livetasks.connections.by.transport", new Tag("transport", transport),
                    "Open client connections on this instance, by transport", MetricUnits.NONE,
                    () -> hub.connectionCount(transport));
        }
        gauge("livetasks.feed.version", null, "The change-tracking version up to which changes have been pushed",
                MetricUnits.NONE, () -> feed.head().value());
        gauge("livetasks.poller.lag", null,
                "Seconds since the last successful poll (since start-up before the first one): grows during an outage",
                MetricUnits.SECONDS, this::pollLagSeconds);
        gauge("livetasks.poller.outage.seconds", null,
                "How long the database has been unreachable for the poller, in seconds (0 while it is read)",
                MetricUnits.NONE, this::outageSeconds);
    }

    long outageSeconds() {
        Instant since = feed.poller().outageSince();
        return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toSeconds());
    }

    /** Counts one resync event sent to a client. */
    public void resynced() {
        if (resyncs != null) {
            resyncs.inc();
        }
    }

    double pollLagSeconds() {
        Instant last = feed.poller().lastSuccess();
        Instant since = last != null ? last : started;
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static List<String> transports() {
        List<String> names = new ArrayList<>(List.of(WebSocketConnection.TRANSPORT_NAME, SseConnection.TRANSPORT_NAME));
        names.addAll(SignalRConnection.TRANSPORT_NAMES);
        return names;
    }

    private <T extends Number> void gauge(String name, Tag tag, String description, String unit, Supplier<T> value) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
        metrics.gauge(metadata, value, tag == null ? new Tag[0] : new Tag[] {tag});
    }
}
