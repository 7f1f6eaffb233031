package io.livetasks.task.feed;

import io.livetasks.task.ListChange;
import io.livetasks.changefeed.ChangePoller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}): UP while the change poller reads the database, DOWN during an outage
 * (clients would not get changes from this instance), so a load balancer can send them elsewhere.
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
        ChangePoller<ListChange> poller = feed.poller();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("change-feed")
                .status(poller.isHealthy())
                .withData("version", feed.head().value())
                .withData("polls", poller.polls())
                .withData("failures", poller.failures());
        if (poller.outageSince() != null) {
            response.withData("unreachableSince", poller.outageSince().toString());
        }
        return response.build();
    }
}
