package io.livetasks.push;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The monotonic figures of pushing, published at {@code /metrics} as counters ({@code _total}): messages
 * written to clients, slow consumers dropped, connections closed because a send stalled, subscriptions revoked,
 * connections told to reconnect because the server stops. Without a registry (unit tests) it counts nothing.
 */
public final class PushCounters {

    static final PushCounters NONE = new PushCounters(null);

    private final Counter deliveries;
    private final Counter slowConsumerDrops;
    private final Counter stalledSendCloses;
    private final Counter revocations;
    private final Counter shutdownNotices;

    PushCounters(MetricRegistry metrics) {
        deliveries = counter(metrics, "livetasks.push.deliveries",
                "Messages written to clients (events, resyncs, revocations; not keep-alives), all transports");
        slowConsumerDrops = counter(metrics, "livetasks.push.slow.consumer.drops",
                "Connections closed because their outbound queue was full (the client resumes when it reconnects)");
        stalledSendCloses = counter(metrics, "livetasks.push.stalled.send.closes",
                "Plain streams closed because one send stayed in flight longer than the send timeout (the client resumes when it reconnects)");
        revocations = counter(metrics, "livetasks.push.revocations",
                "Subscriptions ended because their user lost access to the list");
        shutdownNotices = counter(metrics, "livetasks.push.shutdown.notices",
                "Connections told to reconnect because this instance stopped");
    }

    private static Counter counter(MetricRegistry metrics, String name, String description) {
        return metrics == null ? null
                : metrics.counter(Metadata.builder().withName(name).withDescription(description).build());
    }

    void delivered() {
        inc(deliveries, 1);
    }

    void slowConsumerDropped() {
        inc(slowConsumerDrops, 1);
    }

    void stalledSendClosed() {
        inc(stalledSendCloses, 1);
    }

    void revoked(int subscriptions) {
        inc(revocations, subscriptions);
    }

    void shutdownNotified() {
        inc(shutdownNotices, 1);
    }

    private static void inc(Counter counter, long by) {
        if (counter != null && by > 0) {
            counter.inc(by);
        }
    }
}
