package io.livetasks.it.cluster;

import static io.livetasks.it.cluster.Feeds.addTask;
import static io.livetasks.it.cluster.Feeds.newList;
import static io.livetasks.it.cluster.Feeds.sse;
import static io.livetasks.it.cluster.Feeds.version;
import static io.livetasks.it.cluster.Feeds.ws;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Database load grows with instances, not with clients: an instance's poller queries the database once per
 * tick whether one client or fifty listen (its poll count is {@code livetasks_poller_queries_total} at {@code /metrics}).
 */
abstract class DatabaseLoadScenarios {

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    private static final Logger LOG = Logger.getLogger(DatabaseLoadIT.class.getName());
    private static final int CLIENTS = 50;
    private static final long WINDOW_MS = 2500;
    private static final long WRITE_EVERY_MS = 250;

    @Test
    void shouldPollTheDatabaseAsOftenForFiftyClientsAsForOne() throws Exception {
        Cluster cluster = cluster();
        LibertyServer b = cluster.b();
        long listId = newList(cluster.a(), "load");
        List<WsClient> sockets = new ArrayList<>();
        List<SseClient> streams = new ArrayList<>();
        try {
            sockets.add(ws(b, listId, version(b, listId)));
            long withOne = pollsWhileWriting(cluster, listId, "one");

            for (int i = 1; i < CLIENTS; i++) {
                if (i % 2 == 0) {
                    sockets.add(ws(b, listId, version(b, listId)));
                } else {
                    streams.add(sse(b, listId, version(b, listId)));
                }
            }
            drain(sockets, streams);
            long withFifty = pollsWhileWriting(cluster, listId, "fifty");
            LOG.log(Level.INFO, "Polls of instance b in {0} ms: {1} with 1 client, {2} with {3} clients",
                    new Object[] {WINDOW_MS, withOne, withFifty, CLIENTS});

            addTask(cluster.a(), listId, "everyone");
            for (WsClient socket : sockets) {
                assertThat(lastTitle(socket)).as("every client is really listening").isEqualTo("everyone");
            }
            for (SseClient stream : streams) {
                assertThat(lastTitle(stream)).as("every client is really listening").isEqualTo("everyone");
            }
            assertThat(withOne).isPositive();
            assertThat(withFifty).as("polls with %d clients vs 1", CLIENTS).isBetween(withOne / 2, withOne * 3 / 2 + 2);
        } finally {
            sockets.forEach(WsClient::close);
            for (SseClient stream : streams) {
                stream.close();
            }
        }
    }

    /** The poll count of instance b over the window, while instance a takes a write every few hundred ms. */
    private static long pollsWhileWriting(Cluster cluster, long listId, String label) throws InterruptedException {
        long before = Readiness.of(cluster.b()).polls();
        long end = System.currentTimeMillis() + WINDOW_MS;
        int n = 0;
        while (System.currentTimeMillis() < end) {
            addTask(cluster.a(), listId, label + " " + n++);
            Thread.sleep(WRITE_EVERY_MS); // pacing: the same steady write rate in both windows is what makes them comparable
        }
        return Readiness.of(cluster.b()).polls() - before;
    }

    private static void drain(List<WsClient> sockets, List<SseClient> streams) throws InterruptedException {
        for (WsClient socket : sockets) {
            while (socket.next(java.time.Duration.ZERO) != null) {
                // Earlier events are not what this test looks at.
            }
        }
        for (SseClient stream : streams) {
            while (stream.next(java.time.Duration.ZERO) != null) {
                // Same.
            }
        }
    }

    private static String lastTitle(WsClient socket) throws InterruptedException {
        String last = null;
        String frame;
        while ((frame = socket.next(last == null ? Feeds.WAIT : java.time.Duration.ofMillis(300))) != null) {
            last = Feeds.title(Api.object(frame));
            if ("everyone".equals(last)) {
                break;
            }
        }
        return last;
    }

    private static String lastTitle(SseClient stream) throws InterruptedException {
        String last = null;
        SseClient.Event event;
        while ((event = stream.next(last == null ? Feeds.WAIT : java.time.Duration.ofMillis(300))) != null) {
            last = Feeds.title(Api.object(event.data()));
            if ("everyone".equals(last)) {
                break;
            }
        }
        return last;
    }
}
