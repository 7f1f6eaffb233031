package io.livetasks.it.cluster;

import io.livetasks.it.AdminMetrics;

/**
 * An instance's change feed as a probe and an operator see it: the status of {@code /health/ready} (UP or
 * DOWN, open to anyone) and, from {@code /metrics} (administrator only), the version published so far and
 * how many times the poller has queried the database or failed to.
 */
public record Readiness(int status, boolean up, long version, long polls, long failures) {

    public static Readiness of(LibertyServer server) throws InterruptedException {
        LibertyServer.Reply reply = server.readiness();
        if (reply.status() == -1 || !reply.body().startsWith("{")) {
            return new Readiness(reply.status(), false, -1, -1, -1);
        }
        boolean up = reply.status() == 200 && reply.body().contains("\"status\":\"UP\"");
        AdminMetrics.Reply metrics = server.metrics("application");
        if (metrics.status() != 200) {
            return new Readiness(reply.status(), up, -1, -1, -1);
        }
        return new Readiness(reply.status(), up, (long) metrics.value("livetasks_feed_version"),
                (long) metrics.value("livetasks_poller_queries_total"), (long) metrics.value("livetasks_poller_failures_total"));
    }
}
