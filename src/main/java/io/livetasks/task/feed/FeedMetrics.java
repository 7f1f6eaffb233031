package io.livetasks.task.feed;

import io.livetasks.task.ListChange;
import io.livetasks.changefeed.ChangePoller;
import io.livetasks.push.Hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Operational figures at {@code /metrics} (scope {@code application}): open connections, the version pushed
 * so far, and the poller's queries, changes and failures — enough to alert on a stuck or failing feed and
 * to see that database load follows instances, not clients.
 */
@ApplicationScoped
public class FeedMetrics {

    private final TaskFeed feed;
    private final Hub hub;

    @Inject
    public FeedMetrics(TaskFeed feed, Hub hub) {
        this.feed = feed;
        this.hub = hub;
    }

    /** For the CDI proxy only. */
    protected FeedMetrics() {
        this(null, null);
    }

    /** Gauges are registered when the bean is first created: create it at start-up. */
    void onStart(@Observes Startup startup) {
        connections();
    }

    @Gauge(name = "livetasks.connections", unit = MetricUnits.NONE, absolute = true,
            description = "Open client connections (WebSocket, SSE, SignalR) on this instance")
    public int connections() {
        return hub.connectionCount();
    }

    @Gauge(name = "livetasks.feed.version", unit = MetricUnits.NONE, absolute = true,
            description = "The change-tracking version up to which changes have been pushed")
    public long version() {
        return feed.head().value();
    }

    @Gauge(name = "livetasks.poller.queries", unit = MetricUnits.NONE, absolute = true,
            description = "Change queries made by this instance's poller since start")
    public long queries() {
        return poller().polls();
    }

    @Gauge(name = "livetasks.poller.changes", unit = MetricUnits.NONE, absolute = true,
            description = "Row changes read by this instance's poller since start")
    public long changes() {
        return poller().changes();
    }

    @Gauge(name = "livetasks.poller.failures", unit = MetricUnits.NONE, absolute = true,
            description = "Polls that failed (database unreachable or erroring) since start")
    public long failures() {
        return poller().failures();
    }

    @Gauge(name = "livetasks.poller.outage.seconds", unit = MetricUnits.NONE, absolute = true,
            description = "How long the database has been unreachable for the poller, in seconds (0 while it is read)")
    public long outageSeconds() {
        Instant since = poller().outageSince();
        return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toSeconds());
    }

    private ChangePoller<ListChange> poller() {
        return feed.poller();
    }
}
