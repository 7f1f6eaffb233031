package io.livetasks.it.noloss;

import org.awaitility.core.ConditionTimeoutException;
import static org.awaitility.Awaitility.await;
import io.livetasks.it.Api;
import io.livetasks.it.User;
import io.livetasks.it.cluster.Cluster;
import io.livetasks.it.cluster.LibertyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The no-loss checker: concurrent writers (API on both instances, plain SQL transactions) change tasks of
 * several lists while {@link ResumingClient}s subscribe, drop and resume at random on both instances; then,
 * once the writers stopped and the clients caught up (bounded), every client is checked against the
 * database: each task of its list whose latest change is newer than the client's snapshot was received at
 * exactly that version, and its copy of the list equals the database's. Everyone acts as {@link User#ALICE}:
 * she creates the lists (and so owns them), the API writers and the clients sign in as her.
 */
public final class NoLossRun {

    private static final Logger LOG = Logger.getLogger(NoLossRun.class.getName());
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    private final Cluster cluster;
    private final NoLossConfig config;
    private final Random random;

    public NoLossRun(Cluster cluster, NoLossConfig config) {
        this.cluster = cluster;
        this.config = config;
        this.random = new Random(config.seed());
    }

    NoLossReport run() throws Exception {
        List<URI> instances = cluster.servers().stream().map(LibertyServer::base).toList();
        Api api = new Api(instances.get(0).toURL());
        List<Long> lists = new ArrayList<>();
        for (int i = 0; i < config.lists(); i++) {
            lists.add(api.createList("no-loss " + i).getJsonNumber("id").longValue());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<ResumingClient> clients = new ArrayList<>();
        List<Thread> clientThreads = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            ResumingClient client = new ResumingClient(i, i % 2 == 0, lists.get(i % lists.size()), instances, http, random.nextLong());
            clients.add(client);
            clientThreads.add(start("noloss-client-" + i, client));
        }

        long started = System.nanoTime();
        WriterPool pool = new WriterPool(lists, config.changes(), config.writeTime(),
                started + config.writeTime().multipliedBy(2).plusSeconds(30).toNanos());
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < config.writers(); i++) {
            Runnable writer = i % 2 == 0
                    ? new ApiWriter(new Api(instances.get((i / 2) % instances.size()).toURL()), pool, random.nextLong())
                    : new SqlWriter(cluster.database(), pool, random.nextLong());
            writers.add(start("noloss-writer-" + i, writer));
        }
        if (config.outage()) {
            outageInTheMiddle(pool);
        }
        for (Thread writer : writers) {
            writer.join(config.writeTime().multipliedBy(2).plusSeconds(60).toMillis());
        }
        Duration writing = Duration.ofNanos(System.nanoTime() - started);
        cluster.proxyOf(cluster.b()).restore();

        clients.forEach(ResumingClient::steady);
        long settleStart = System.nanoTime();
        Expectations expected = awaitCaughtUp(clients, lists);
        Duration settling = Duration.ofNanos(System.nanoTime() - settleStart);
        clients.forEach(ResumingClient::stop);
        for (Thread thread : clientThreads) {
            thread.join(10_000);
        }
        return report(pool, clients, expected, writing, settling);
    }

    /** Cuts instance b off its database for a few seconds once about half of the changes are made. */
    private void outageInTheMiddle(WriterPool pool) throws Exception {
        awaitQuietly(config.writeTime().multipliedBy(2), () -> pool.changes.get() >= config.changes() / 2);
        LOG.log(Level.INFO, "Cutting instance b off the database for {0} s", OUTAGE.toSeconds());
        cluster.proxyOf(cluster.b()).cut();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself: how long instance b is without its database
        cluster.proxyOf(cluster.b()).restore();
    }

    /** The database's final state of every list: what each client must have by the end. */
    private record Expectations(Map<Long, Map<Long, ListModel.TaskState>> tasks, Map<Long, Map<Long, Long>> versions) {
    }

    private Expectations awaitCaughtUp(List<ResumingClient> clients, List<Long> lists) throws Exception {
        Expectations expected = expectations(lists);
        // Bounded by the settle time; whoever has not caught up by then is counted in the report.
        awaitQuietly(config.settleTime(), () -> clients.stream().allMatch(c -> missing(c, expected) == 0 && sameState(c, expected)));
        return expected;
    }

    private Expectations expectations(List<Long> lists) throws SQLException {
        Map<Long, Map<Long, ListModel.TaskState>> tasks = new HashMap<>();
        Map<Long, Map<Long, Long>> versions = new HashMap<>();
        try (Connection connection = cluster.database().connect();
             PreparedStatement select = connection.prepareStatement("SELECT id, title, completed FROM task WHERE list_id = ?")) {
            for (long list : lists) {
                Map<Long, ListModel.TaskState> state = new HashMap<>();
                select.setLong(1, list);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        state.put(rows.getLong(1), new ListModel.TaskState(rows.getString(2), rows.getBoolean(3)));
                    }
                }
                tasks.put(list, state);
                versions.put(list, cluster.database().lastChangeVersions(list));
            }
        }
        return new Expectations(tasks, versions);
    }

    /** The changes newer than the client's snapshot that it has not received at their exact version. */
    private static long missing(ResumingClient client, Expectations expected) {
        long base = client.baseVersion();
        return expected.versions().get(client.listId()).entrySet().stream()
                .filter(e -> e.getValue() > base && !client.received(e.getKey(), e.getValue())).count();
    }

    private static boolean sameState(ResumingClient client, Expectations expected) {
        return client.tasks().equals(expected.tasks().get(client.listId()));
    }

    private NoLossReport report(WriterPool pool, List<ResumingClient> clients, Expectations expected, Duration writing,
                                Duration settling) {
        long connections = 0, disconnects = 0, serverCloses = 0, resumes = 0, resyncs = 0, connectFailures = 0, events = 0, lost = 0;
        int mismatches = 0;
        List<String> violations = new ArrayList<>();
        for (ResumingClient client : clients) {
            ResumingClient.Tally tally = client.tally();
            connections += tally.connections;
            disconnects += tally.disconnects;
            serverCloses += tally.serverCloses;
            resumes += tally.resumes;
            resyncs += tally.resyncs;
            connectFailures += tally.connectFailures;
            events += tally.events;
            violations.addAll(tally.violations);
            long missing = missing(client, expected);
            lost += missing;
            if (missing > 0) {
                violations.add(client.name() + ": " + missing + " changes never received");
            }
            if (!sameState(client, expected)) {
                mismatches++;
                violations.add(client.name() + ": its copy differs from the database");
            }
        }
        return new NoLossReport(config, pool.changes.get(), pool.apiWrites.get(), pool.sqlTransactions.get(),
                pool.failures.get(), connections, disconnects, serverCloses, resumes, resyncs, connectFailures, events,
                lost, mismatches, violations, writing, settling);
    }

    /** Waits until {@code condition} holds or {@code atMost} has passed, whichever comes first; never fails. */
    private static void awaitQuietly(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (ConditionTimeoutException e) {
            // Time is up: the run goes on, and the report says what was missed.
        }
    }

    private static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
