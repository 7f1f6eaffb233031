package io.livetasks.it.cluster;

import static io.livetasks.it.cluster.Feeds.frames;
import static io.livetasks.it.cluster.Feeds.newList;
import static io.livetasks.it.cluster.Feeds.version;
import static io.livetasks.it.cluster.Feeds.ws;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is dropped once its queue is full (the instances run with a queue of
 * {@value Cluster#QUEUE_CAPACITY}), and never holds up the other clients of the same list: each write reaches
 * them while the stalled client is still connected (a stalled send blocking delivery would stop them until
 * {@link Feeds#WAIT}). How fast is for the benchmarks, not for a timed assertion; the slowest delivery is logged. Being dropped when the queue is full is what bounds the memory a stalled
 * client holds; heap figures are too noisy to assert here (the soak test checks heap returns to baseline).
 */
abstract class SlowConsumerScenarios {

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    private static final Logger LOG = Logger.getLogger(SlowConsumerIT.class.getName());
    private static final String DROPPED = "slow consumer: outbound queue full";
    private static final String DROPS_COUNTER = "livetasks_push_slow_consumer_drops_total";
    /**
     * Below the queue capacity, with room for a keep-alive: a bigger burst would (rightly) drop the reading client too.
     * As big as that allows, so that fewer transactions fill the stalled connection's socket buffers.
     */
    private static final int ROWS_PER_TRANSACTION = Cluster.QUEUE_CAPACITY * 3 / 4;
    /**
     * Enough to fill the socket buffers of the stalled connection many times over: 13 to 17 transactions do with the
     * cluster's fixed send buffer ({@link Cluster#SEND_BUFFER_BYTES}); 115 to 165 did with Linux's autotuned 4 MB.
     */
    private static final int MAX_TRANSACTIONS = 1500;
    /** A server close frame: FIN + close, 36 bytes of payload, code 1008 (policy violation), then the reason. */
    private static final byte[] WS_CLOSED_AS_TOO_SLOW = {(byte) 0x88, (byte) (2 + "slow consumer: outbound queue full".length()), 0x03, (byte) 0xF0};
    /** The last chunk of a chunked HTTP response: the SSE stream ended. */
    private static final byte[] SSE_ENDED = "\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final String PADDING = "x".repeat(470);

    @Test
    void shouldDropAStalledWebSocketWithoutDelayingOtherClients() throws Exception {
        LibertyServer b = cluster().b();
        long listId = newList(b, "stalled websocket");
        try (StalledClient stalled = StalledClient.webSocket(b.base(), "/ws/lists/" + listId + "?since=" + version(b, listId))) {
            assertThat(stalled.head()).startsWith("HTTP/1.1 101");
            shouldDropWithoutDelayingOthers(b, listId, stalled, WS_CLOSED_AS_TOO_SLOW);
        }
    }

    @Test
    void shouldDropAStalledSseStreamWithoutDelayingOtherClients() throws Exception {
        LibertyServer b = cluster().b();
        long listId = newList(b, "stalled sse");
        try (StalledClient stalled = StalledClient.sse(b.base(), "/api/lists/" + listId + "/events?since=" + version(b, listId))) {
            assertThat(stalled.head()).startsWith("HTTP/1.1 200");
            shouldDropWithoutDelayingOthers(b, listId, stalled, SSE_ENDED);
        }
    }

    /** @param endMarker what the stalled client finds at the end of the stream once the server dropped it */
    private void shouldDropWithoutDelayingOthers(LibertyServer server, long listId, StalledClient stalled, byte[] endMarker)
            throws Exception {
        int droppedBefore = server.logLines(DROPPED).size();
        int transactions = 0;
        long slowest = 0;
        try (WsClient reader = ws(server, listId, version(server, listId));
             Connection connection = cluster().database().connect()) {
            connection.setAutoCommit(false);
            while (transactions < MAX_TRANSACTIONS && server.logLines(DROPPED).size() == droppedBefore) {
                insert(connection, listId, transactions++);
                long start = System.nanoTime();
                List<JsonObject> received = frames(reader, ROWS_PER_TRANSACTION);
                slowest = Math.max(slowest, System.nanoTime() - start);
                assertThat(Feeds.title(received.get(ROWS_PER_TRANSACTION - 1))).startsWith("tx" + (transactions - 1) + "-");
            }
            LOG.log(Level.INFO, "Stalled client dropped after {0} transactions of {1} rows; slowest delivery to the "
                    + "reading client {2} ms", new Object[] {transactions, ROWS_PER_TRANSACTION, slowest / 1_000_000});

            assertThat(server.logLines(DROPPED)).as("the stalled client was dropped as a slow consumer")
                    .hasSizeGreaterThan(droppedBefore);
            assertThat(Metrics.application(server, DROPS_COUNTER)).as("every drop logged since start-up is counted at /metrics")
                    .isEqualTo(server.logLines(DROPPED).size());
            assertThat(stalled.drainsToEnd(Duration.ofSeconds(20), 256L << 20, endMarker)).as("its connection is closed").isTrue();

            insert(connection, listId, transactions);
            assertThat(frames(reader, ROWS_PER_TRANSACTION)).as("and it goes on receiving").hasSize(ROWS_PER_TRANSACTION);
        }
    }

    private static void insert(Connection connection, long listId, int transaction) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
            for (int i = 0; i < ROWS_PER_TRANSACTION; i++) {
                insert.setLong(1, listId);
                insert.setString(2, "tx" + transaction + "-" + i + "-" + PADDING);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
    }
}
