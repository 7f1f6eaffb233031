package io.livetasks.it.load;

import org.awaitility.core.ConditionTimeoutException;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.AdminMetrics;
import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.User;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.parallel.ResourceLock;
import io.livetasks.it.cluster.RunsOwnServers;

/**
 * Many clients resuming at once from an old version of a list with many changes, after the in-memory change
 * log has moved past it (so every replay reads the database): the server keeps answering the API throughout
 * (the database pool is not exhausted by replays: at most {@code livetasks.replay.concurrency} read at once),
 * its heap stays bounded, and every resumer either gets its full replay, in version order, or an explicit
 * {@code resync}; those that got their replay then receive the next live change. WebSocket and plain SSE.
 * Size: {@code -Dstorm.clients} (100 in {@code mvn verify}), {@code -Dstorm.changes} (300); docs/soak.md has a bigger run.
 */
@ExtendWith(ArquillianExtension.class)
// It times the API during the storm (API_BOUND): it takes the cluster lane's lock, so that no cluster test
// (@RunsOwnServers) computes beside it on the same cores while it measures.
@ResourceLock(RunsOwnServers.LOCK)
@Order(RunsOwnServers.LAST)
class ResumeStormIT {

    private static final Logger LOG = Logger.getLogger(ResumeStormIT.class.getName());
    private static final int CLIENTS = Integer.getInteger("storm.clients", 100);
    private static final int CHANGES = Integer.getInteger("storm.changes", 300);
    /** Rows written to another list after ours, to push our changes out of the change log (capacity 10,000). */
    private static final int FILLER = Integer.getInteger("storm.filler", 10_500);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** An API read during the storm must answer within this (the pool's connection timeout is 10 s). */
    private static final Duration API_BOUND = Duration.ofSeconds(5);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void shouldReplayOrResyncEveryResumerWhileTheApiKeepsAnswering() throws Exception {
        Api alice = new Api(base);
        long listId = alice.createList("storm").getJsonNumber("id").longValue();
        // Three users, so that no one reaches the per-user connection limit of the test server (100).
        alice.share(listId, User.BOB, "reader");
        alice.share(listId, User.ADMIN, "reader");
        long since = alice.snapshot(listId).getJsonNumber("version").longValue();
        long filler = alice.createList("storm filler").getJsonNumber("id").longValue();

        writeTasks(listId, CHANGES, 5, "storm-");
        long last = writeTasks(filler, FILLER, 500, "filler-");
        awaitPublished(last);
        Set<String> expected = IntStream.range(0, CHANGES).mapToObj(i -> "storm-" + i).collect(Collectors.toSet());
        double maxHeap = AdminMetrics.get(AdminMetrics.itServer(), "base").value("memory_maxHeap_bytes");

        // HTTP/1.1 as browsers stream SSE: with h2c every stream would share one HTTP/2 connection and its window.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20)).build();
        ExecutorService openers = Executors.newFixedThreadPool(32);
        AtomicBoolean storming = new AtomicBoolean(true);
        AtomicInteger apiFailures = new AtomicInteger();
        AtomicLong slowestApi = new AtomicLong();
        AtomicLong peakHeap = new AtomicLong();
        Thread prober = new Thread(() -> probe(alice.as(User.BOB), listId, storming, apiFailures, slowestApi, peakHeap), "api-prober");
        List<StreamClient> clients = new ArrayList<>();
        try {
            prober.start();
            List<Future<StreamClient>> opening = new ArrayList<>();
            User[] users = {User.ALICE, User.BOB, User.ADMIN};
            for (int i = 0; i < CLIENTS; i++) {
                User user = users[i % users.length];
                StreamClient.Kind kind = i % 4 == 3 ? StreamClient.Kind.SSE : StreamClient.Kind.WEBSOCKET;
                opening.add(openers.submit(() -> StreamClient.open(http, alice.base(), kind, listId, since, user)));
            }
            for (Future<StreamClient> client : opening) {
                clients.add(client.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            awaitQuietly(() -> clients.stream().allMatch(c -> c.sawAll(expected) || c.toldToResync())); // asserted below
            storming.set(false);
            prober.join(TimeUnit.SECONDS.toMillis(30));

            long replayed = clients.stream().filter(c -> c.sawAll(expected)).count();
            long resynced = clients.stream().filter(StreamClient::toldToResync).count();
            LOG.log(Level.INFO, "Resume storm: {0} clients, {1} changes each: {2} full replays, {3} resyncs; slowest API "
                    + "read {4} ms; peak used heap {5} MB of {6} MB", new Object[] {CLIENTS, CHANGES, replayed, resynced,
                    slowestApi.get() / 1_000_000, peakHeap.get() >> 20, (long) maxHeap >> 20});

            for (StreamClient client : clients) {
                assertThat(client.sawAll(expected) || client.toldToResync())
                        .as("a %s client got its full replay or a resync (saw %d of %d)", client.kind(), client.seen(), CHANGES)
                        .isTrue();
                assertThat(client.versionsWentBack()).as("versions never go back").isFalse();
            }
            assertThat(replayed).as("the storm was served, not refused wholesale").isPositive();
            assertThat(apiFailures.get()).as("API reads that failed during the storm").isZero();
            assertThat(Duration.ofNanos(slowestApi.get())).as("slowest API read during the storm").isLessThan(API_BOUND);
            assertThat((double) peakHeap.get()).as("peak used heap").isLessThan(maxHeap * 0.75);

            String marker = "after the storm";
            alice.addTask(listId, marker);
            List<StreamClient> live = clients.stream().filter(c -> c.sawAll(expected) && !c.toldToResync()).toList();
            awaitQuietly(() -> live.stream().allMatch(c -> c.saw(marker))); // asserted next
            assertThat(live).as("every replayed client is live afterwards").allMatch(c -> c.saw(marker));
        } finally {
            storming.set(false);
            clients.forEach(StreamClient::close);
            openers.shutdownNow();
        }
    }

    /** Reads the list through the API, and the server's used heap, until the storm is over. */
    private static void probe(Api api, long listId, AtomicBoolean storming, AtomicInteger failures, AtomicLong slowest,
                              AtomicLong peakHeap) {
        while (storming.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = api.send("GET", "api/lists/" + listId, null);
                if (response.statusCode() != 200) {
                    failures.incrementAndGet();
                    LOG.log(Level.WARNING, "API read during the storm: {0} {1}", new Object[] {response.statusCode(), response.body()});
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.log(Level.WARNING, "API read during the storm failed", e);
            }
            slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
            double heap = AdminMetrics.get(AdminMetrics.itServer(), "base").value("memory_usedHeap_bytes");
            peakHeap.accumulateAndGet((long) heap, Math::max);
            try {
                Thread.sleep(100); // pacing: the probe reads at a steady rate during the storm, as a user would
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Inserts {@code count} tasks with plain SQL, {@code perTransaction} per commit; the last commit's version. */
    static long writeTasks(long listId, int count, int perTransaction, String prefix) throws Exception {
        try (Connection jdbc = ItDatabase.connect();
             PreparedStatement insert = jdbc.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
            jdbc.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setLong(1, listId);
                insert.setString(2, prefix + i);
                insert.addBatch();
                if ((i + 1) % perTransaction == 0 || i == count - 1) {
                    insert.executeBatch();
                    jdbc.commit();
                }
            }
            try (var version = jdbc.createStatement().executeQuery("SELECT v FROM ct_version WHERE id = 1")) {
                version.next();
                return version.getLong(1);
            }
        }
    }

    /** Waits until the server's change feed has published {@code version}. */
    static void awaitPublished(long version) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                (long) AdminMetrics.get(AdminMetrics.itServer(), "application").value("livetasks_feed_version"))
                .as("version published by the change feed").isGreaterThanOrEqualTo(version));
    }

    /** Waits (up to {@link #WAIT}) until {@code condition} holds, without failing: the caller asserts what it needs. */
    private static void awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            // The assertions that follow say which client lacks what.
        }
    }
}
