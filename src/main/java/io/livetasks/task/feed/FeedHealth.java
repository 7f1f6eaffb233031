package io.livetasks.task.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}): UP while the change poller reads the database, DOWN during an outage
 * (clients would not get changes from this instance), so a load balancer can send them elsewhere.
 *
 * <p>Only the status: health is open to anyone who reaches the port (Kubernetes probes carry no credentials),
 * so the figures behind it (version, polls, failures) are at {@code /metrics}, which needs the administrator
 * role ({@link FeedMetrics}).
 */
@Readiness
@ApplicationScoped
public class FeedHealth implements HealthCheck {

    private final TaskFeed feed;

    @Inject
    public FeedHealth(TaskFeed feed) {
        this.feed = feed;
    }

    /** For the CDI proxy only. */
    protected FeedHealth() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("change-feed").status(feed.poller().isHealthy()).build();
    }
}
