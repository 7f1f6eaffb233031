package io.livetasks.task.feed;

import io.livetasks.changefeed.ChangePoller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The poller's figures at {@code /metrics}, counted as they happen: change queries, row changes read and failed
 * polls as counters ({@code livetasks_poller_queries_total}, …), and the duration of each query as a timer
 * ({@code livetasks_poller_duration_seconds}). {@link TaskFeed} hands it to the poller before the first poll.
 */
@ApplicationScoped
public class PollMetrics implements ChangePoller.Observer {

    private final Counter queries;
    private final Counter changes;
    private final Counter failures;
    private final Timer duration;

    @Inject
    public PollMetrics(MetricRegistry metrics) {
        this.queries = metrics.counter(Metadata.builder().withName("livetasks.poller.queries")
                .withDescription("Change queries made by this instance's poller").build());
        this.changes = metrics.counter(Metadata.builder().withName("livetasks.poller.changes")
                .withDescription("Row changes read by this instance's poller").build());
        this.failures = metrics.counter(Metadata.builder().withName("livetasks.poller.failures")
                .withDescription("Polls that failed (database unreachable or erroring)").build());
        this.duration = metrics.timer(Metadata.builder().withName("livetasks.poller.duration")
                .withDescription("How long one change query took, failed ones included")
                .withUnit(MetricUnits.SECONDS).build());
    }

    /** For the CDI proxy only. */
    protected PollMetrics() {
        this.queries = null;
        this.changes = null;
        this.failures = null;
        this.duration = null;
    }

    @Override
    public void polled(long nanos, int read) {
        queries.inc();
        if (read > 0) {
            changes.inc(read);
        }
        duration.update(Duration.ofNanos(nanos));
    }

    @Override
    public void failed(long nanos) {
        queries.inc();
        failures.inc();
        duration.update(Duration.ofNanos(nanos));
    }
}
