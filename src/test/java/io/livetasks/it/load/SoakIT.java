package io.livetasks.it.load;

import org.awaitility.core.ConditionTimeoutException;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.AdminMetrics;
import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.User;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A soak: while writers add tasks through the API, many clients (plain WebSocket, SignalR over WebSocket,
 * plain SSE) connect, subscribe and vanish abruptly (TCP reset or FIN, never a protocol goodbye), and a few
 * clients stay connected throughout. Afterwards every client that stayed has received every change, its
 * versions exactly the list's change versions after its cursor, in order; and the server's open connections,
 * live threads and (after a garbage collection) used heap, read from {@code /metrics} as the administrator,
 * return to their baseline within a bound.
 *
 * <p>Short by default (3 s of churn after a 1 s warm-up, run by {@code mvn verify}: dozens of clients vanish);
 * {@code scripts/soak.sh} runs the same test for minutes, see docs/soak.md. The writers write on for a second
 * after the last client vanished ({@link #DRAIN}), and two more tasks are written after the staying clients left: written when plain
 * SSE streams had no keep-alives and a vanished one was found only when its list next changed. SSE streams get
 * keep-alives now, like WebSocket and SignalR pings; SSE on a quiet list is {@code VanishedClientIT}'s.
 */
@ExtendWith(ArquillianExtension.class)
class SoakIT {

    private static final Logger LOG = Logger.getLogger(SoakIT.class.getName());
    private static final Duration SOAK = Duration.ofSeconds(Integer.getInteger("soak.seconds", 3));
    private static final int CHURNERS = Integer.getInteger("soak.churners", 6);
    private static final int WRITERS = Integer.getInteger("soak.writers", 2);
    private static final Duration WRITE_INTERVAL = Duration.ofMillis(Integer.getInteger("soak.write.interval.ms", 100));
    private static final int STAYERS_PER_KIND = Integer.getInteger("soak.stayers", 2);
    /** How long after the last vanishing the server may take to release everything (default keep-alive + send timeout). */
    private static final Duration RELEASE_BOUND = Duration.ofSeconds(Integer.getInteger("soak.release.seconds", 45));
    private static final Duration DRAIN = Duration.ofSeconds(1);
    private static final long THREAD_MARGIN = Long.getLong("soak.thread.margin", 40);
    private static final long HEAP_MARGIN = Long.getLong("soak.heap.margin.mb", 64) << 20;
    private static final User[] USERS = {User.ALICE, User.BOB, User.ADMIN};

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void shouldReleaseVanishedClientsAndDeliverEverythingToThoseWhoStayed() throws Exception {
        Api alice = new Api(base);
        URI https = AdminMetrics.itServer();
        Path serverDir = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/livetasks-it"));
        long listId = alice.createList("soak").getJsonNumber("id").longValue();
        alice.share(listId, User.BOB, "reader");
        alice.share(listId, User.ADMIN, "reader");
        long connectionsBefore = ServerVitals.read(https).connections();

        // Warm-up: the same load briefly, so the baseline has the server's pools at working size.
        Load warmUp = new Load(alice, listId);
        warmUp.run(Duration.ofSeconds(1));
        awaitRelease(https, serverDir, connectionsBefore, Long.MAX_VALUE, Long.MAX_VALUE);
        ServerVitals.collectGarbage(serverDir);
        ServerVitals baseline = ServerVitals.read(https);

        long since = alice.snapshot(listId).getJsonNumber("version").longValue();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20)).build();
        List<StreamClient> stayers = new ArrayList<>();
        Load load = new Load(alice, listId);
        try {
            for (StreamClient.Kind kind : StreamClient.Kind.values()) {
                for (int i = 0; i < STAYERS_PER_KIND; i++) {
                    stayers.add(StreamClient.open(http, alice.base(), kind, listId, since, User.ALICE));
                }
            }
            load.run(SOAK);
            LOG.log(Level.INFO, "Soak: {0} s, {1} clients vanished ({2}), {3} refused, {4} tasks written; baseline {5}",
                    new Object[] {SOAK.toSeconds(), load.vanished.get(), load.byKind, load.refused.get(),
                            load.written.size(), baseline});

            Set<String> written = Set.copyOf(load.written);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> stayers.stream().allMatch(s -> s.sawAll(written)));
            } catch (ConditionTimeoutException e) {
                // The assertions below say which client missed what.
            }
            Set<Long> expectedVersions = versionsAfter(listId, since);
            for (StreamClient stayer : stayers) {
                assertThat(stayer.ended()).as("a %s client that stayed is still connected", stayer.kind()).isFalse();
                assertThat(stayer.sawAll(written)).as("a %s client received every task written (%d of %d)", stayer.kind(),
                        stayer.seen(), written.size()).isTrue();
                assertThat(stayer.versions()).as("a %s client's versions after its cursor", stayer.kind())
                        .isEqualTo(expectedVersions);
                assertThat(stayer.versionsWentBack()).isFalse();
            }
            assertThat(load.vanished.get()).as("clients that vanished").isGreaterThan(CHURNERS);
            assertThat(load.refused.get()).as("clients refused (limits)").isZero();
        } finally {
            stayers.forEach(StreamClient::close);
        }
        // From when plain SSE streams had no keep-alives (see the class comment): the list's next changes release
        // the stayers' SSE streams, closed just now, sooner than their keep-alive would.
        alice.addTask(listId, "after the soak 1");
        alice.addTask(listId, "after the soak 2");

        ServerVitals after = awaitRelease(https, serverDir, connectionsBefore, baseline.threads() + THREAD_MARGIN,
                baseline.usedHeap() + HEAP_MARGIN);
        LOG.log(Level.INFO, "Soak: baseline {0}; after {1}", new Object[] {baseline, after});
    }

    /**
     * Waits until the server is back within the bounds (a garbage collection before each heap reading) and
     * returns what it then reports; fails after {@link #RELEASE_BOUND}.
     */
    private static ServerVitals awaitRelease(URI https, Path serverDir, long connections, long threads, long heap) {
        java.util.concurrent.atomic.AtomicReference<ServerVitals> last = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(RELEASE_BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            if (heap != Long.MAX_VALUE) {
                ServerVitals.collectGarbage(serverDir);
            }
            ServerVitals vitals = ServerVitals.read(https);
            last.set(vitals);
            assertThat(vitals.connections() <= connections && vitals.threads() <= threads && vitals.usedHeap() <= heap)
                    .as("back to %d connections, at most %d threads and %d MB heap within %s; now %s",
                            connections, threads, heap >> 20, RELEASE_BOUND, vitals).isTrue();
        });
        return last.get();
    }

    /** The change versions of the list's tasks after {@code since}, from the change-tracking table. */
    private static Set<Long> versionsAfter(long listId, long since) throws Exception {
        Set<Long> versions = new HashSet<>();
        try (Connection jdbc = ItDatabase.connect();
             PreparedStatement query = jdbc.prepareStatement("SELECT DISTINCT version FROM ct_task WHERE list_id = ? AND version > ?")) {
            query.setLong(1, listId);
            query.setLong(2, since);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.add(rows.getLong(1));
                }
            }
        }
        return versions;
    }

    /** Writers and vanishing clients, for a while. */
    private static final class Load {
        final Api api;
        final long listId;
        final Set<String> written = ConcurrentHashMap.newKeySet();
        final AtomicInteger vanished = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Map<VanishingClient.Kind, AtomicInteger> byKind = new ConcurrentHashMap<>();

        Load(Api api, long listId) {
            this.api = api;
            this.listId = listId;
        }

        void run(Duration duration) throws InterruptedException {
            AtomicBoolean churning = new AtomicBoolean(true);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(CHURNERS + WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.submit(() -> write(writer, writing));
            }
            for (int c = 0; c < CHURNERS; c++) {
                int churner = c;
                threads.submit(() -> churn(churner, churning));
            }
            Thread.sleep(duration.toMillis()); // pacing: the length of the soak itself
            churning.set(false);
            Thread.sleep(DRAIN.toMillis()); // pacing: writes go on after the last vanishing (see the class comment)
            writing.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        private void write(int writer, AtomicBoolean writing) {
            for (int i = 0; writing.get(); i++) {
                String title = "soak w" + writer + " #" + i;
                HttpResponse<String> response = api.send("POST", "api/lists/" + listId + "/tasks",
                        Api.JSON.createObjectBuilder().add("title", title).build().toString());
                if (response.statusCode() == 201) {
                    written.add(title);
                } else {
                    LOG.log(Level.WARNING, "Write refused: {0} {1}", new Object[] {response.statusCode(), response.body()});
                }
                sleep(WRITE_INTERVAL.toMillis()); // the writers' pace
            }
        }

        private void churn(int churner, AtomicBoolean churning) {
            VanishingClient.Kind[] kinds = VanishingClient.Kind.values();
            for (int i = 0; churning.get(); i++) {
                VanishingClient.Kind kind = kinds[(churner + i) % kinds.length];
                User user = USERS[(churner + i) % USERS.length];
                try {
                    VanishingClient client = VanishingClient.open(api.base(), kind, listId, user);
                    sleep(ThreadLocalRandom.current().nextLong(50, 500)); // how long the client stays: part of the load
                    if (i % 2 == 0) {
                        client.reset();
                    } else {
                        client.drop();
                    }
                    vanished.incrementAndGet();
                    byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    refused.incrementAndGet();
                    LOG.log(Level.WARNING, "A vanishing client could not connect: {0}", e.toString());
                    sleep(200); // not straight back at a server that refuses
                }
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis); // pacing only (see the callers): how the simulated clients and writers behave
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
