package io.livetasks.task.feed;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.AdminMetrics;
import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.WsClient;
import java.net.URL;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application's figures at {@code /metrics} on the real server: monotonic ones are counters
 * ({@code _total}) that grow with what happened, connections are a gauge by transport, the poll duration is a
 * timer and the poll lag a gauge in seconds.
 */
@ExtendWith(ArquillianExtension.class)
class FeedMetricsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void shouldCountPollsAndDeliveriesAndGaugeConnectionsByTransport() throws Exception {
        Api api = new Api(base);
        long listId = api.createList("Metrics").getJsonNumber("id").longValue();
        long version = api.snapshot(listId).getJsonNumber("version").longValue();
        double deliveriesBefore = value(api, "livetasks_push_deliveries_total");
        double changesBefore = value(api, "livetasks_poller_changes_total");

        try (WsClient ws = WsClient.connect(api.base().resolve("ws/lists/" + listId + "?since=" + version))) {
            await(() -> value(api, "livetasks_connections_by_transport\\{[^}]*transport=\"websocket\"[^}]*\\}") >= 1,
                    "the WebSocket counted under transport=\"websocket\"");
            api.addTask(listId, "counted");
            assertThat(ws.next(Duration.ofSeconds(15))).as("the change arrives").contains("counted");

            await(() -> value(api, "livetasks_push_deliveries_total") >= deliveriesBefore + 1, "the delivery counted");
            assertThat(value(api, "livetasks_poller_changes_total")).isGreaterThan(changesBefore);
        }
        String metrics = metrics(api);
        assertThat(metrics).contains("# TYPE livetasks_poller_queries_total counter",
                "# TYPE livetasks_poller_failures_total counter", "# TYPE livetasks_feed_resyncs_total counter",
                "# TYPE livetasks_push_slow_consumer_drops_total counter", "# TYPE livetasks_push_stalled_send_closes_total counter",
                "# TYPE livetasks_push_revocations_total counter",
                "# TYPE livetasks_connections gauge");
        assertThat(value(api, "livetasks_poller_queries_total")).isPositive();
        assertThat(value(api, "livetasks_poller_duration_seconds_count")).isPositive();
        assertThat(value(api, "livetasks_poller_lag_seconds")).as("polls succeed every 250 ms").isBetween(0.0, 10.0);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(condition::holds);
    }

    /** /metrics is for administrators over https (docs/security.md): read as the demo administrator. */
    private static String metrics(Api api) {
        AdminMetrics.Reply reply = AdminMetrics.get(AdminMetrics.itServer(), "application");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    /** The first sample of {@code name} (a regular expression for the name and its labels). */
    private static double value(Api api, String name) {
        String body = metrics(api);
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E+-]+|NaN)").matcher(body);
        assertThat(matcher.find()).as("%s in %s", name, body).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
