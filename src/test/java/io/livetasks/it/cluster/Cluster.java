package io.livetasks.it.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Two livetasks instances ("a" and "b") on one shared database and no broker, each reaching the database
 * through its own {@link TcpProxy} so that a test can take the database away from one instance.
 *
 * <p>The instances run with a small outbound queue and a small in-memory change log, so that slow
 * consumers and resumes served from the database happen at test sizes. Ports come from
 * {@code cluster.port.base} (default 9310): http/https of a and b, then the database, then the proxies.
 */
public final class Cluster implements AutoCloseable {

    /** Outbound queue capacity per connection on the cluster's instances. */
    public static final int QUEUE_CAPACITY = 32;
    /** In-memory change log capacity on the cluster's instances: older resumes are read from the database. */
    public static final int CHANGELOG_CAPACITY = 200;

    /**
     * Poll interval of the cluster's instances: shorter than the default (250 ms), so that the tests, which wait
     * for polls all the time (writes with plain SQL are seen at the next poll), run faster.
     */
    public static final long POLL_INTERVAL_MS = 50;

    /** Presence heartbeat of the cluster's instances: an instance cut off from the database loses its viewers after 3 s. */
    public static final int PRESENCE_HEARTBEAT_SECONDS = 1;

    /**
     * The instances' database timeouts (DB_LOGIN_TIMEOUT, DB_QUERY_TIMEOUT; the SQL Server URL adds the driver's
     * connectRetryInterval, see SqlServerClusterDatabase), set here so that the outage tests can bound their waits
     * by them instead of by a guess: with the production defaults (15 s login, 30 s query, 10 s between the
     * driver's reconnect attempts) one failed poll can take longer than a fixed 15 s wait.
     */
    public static final int LOGIN_TIMEOUT_SECONDS = 5;
    public static final int QUERY_TIMEOUT_SECONDS = 10;
    public static final int CONNECT_RETRY_INTERVAL_SECONDS = 1;

    /**
     * The longest one failed poll can take (a hung query, or a login with the driver's one reconnect attempt),
     * plus the poller's longest backoff (5 s) before the next: waiting for n failed polls needs n times this.
     */
    public static final Duration FAILED_POLL_BOUND = Duration.ofSeconds(
            Math.max(QUERY_TIMEOUT_SECONDS, 2 * LOGIN_TIMEOUT_SECONDS + CONNECT_RETRY_INTERVAL_SECONDS) + 5);

    /**
     * A fixed socket send buffer of {@value #SEND_BUFFER_BYTES} bytes (the kernel doubles it) instead of Linux's
     * autotuning up to 4 MB: what a stalled client holds in kernel buffers before its outbound queue fills is then
     * tens of writes rather than hundreds, so the slow-consumer tests reach the drop in seconds. Readers that keep
     * up never notice: loopback drains it as fast as they read.
     */
    static final int SEND_BUFFER_BYTES = 131_072;
    private static final String SEND_BUFFER = "<server><tcpOptions id=\"defaultTCPOptions\" sendBufferSize=\""
            + SEND_BUFFER_BYTES + "\"/></server>\n";

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    private final ClusterDatabase database;
    private final List<TcpProxy> proxies;
    private final List<LibertyServer> servers;
    /** The stop, run once: by {@link #stopSoon()}, by {@link #close()} or at the JVM's shutdown, whichever comes first. */
    private final FutureTask<Void> stopping = new FutureTask<>(() -> {
        stopAll();
        return null;
    });

    private Cluster(ClusterDatabase database, List<TcpProxy> proxies, List<LibertyServer> servers) {
        this.database = database;
        this.proxies = proxies;
        this.servers = servers;
    }

    /** Starts H2 in server mode in this JVM and two instances on it. */
    public static Cluster startOnH2() throws Exception {
        int base = Integer.getInteger("cluster.port.base", 9310);
        Path target = Path.of(System.getProperty("it.wlp.home", "target/liberty/wlp")).getParent().getParent();
        H2ClusterDatabase database = H2ClusterDatabase.start(target.resolve("h2-cluster"), base + 10);
        return start(database, base, "h2");
    }

    /** Starts SQL Server in a container and two instances on it. */
    public static Cluster startOnSqlServer() throws Exception {
        return start(SqlServerClusterDatabase.start(), Integer.getInteger("cluster.port.base", 9310) + 40, "mssql");
    }

    private static Cluster start(ClusterDatabase database, int base, String suffix) throws Exception {
        Path wlp = Path.of(System.getProperty("it.wlp.home", "target/liberty/wlp"));
        Path war = Path.of(System.getProperty("livetasks.war", "target/livetasks.war"));
        String template = System.getProperty("it.server.name", "livetasks-it");
        List<TcpProxy> proxies = new ArrayList<>();
        List<LibertyServer> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TcpProxy proxy = new TcpProxy(base + 11 + i, database.address()).restore();
            proxies.add(proxy);
            // Many clients and writers of one user, as fast as the machine goes: no client limits.
            Map<String, String> settings = Map.ofEntries(
                    Map.entry("LIVETASKS_LIMITS_CONNECTIONS_PER_CLIENT", "100000"),
                    Map.entry("LIVETASKS_LIMITS_WRITES_PER_SECOND", "100000"),
                    Map.entry("LIVETASKS_LIMITS_WRITE_BURST", "100000"),
                    Map.entry("DB_KIND", database.kind()),
                    Map.entry("DB_URL", database.url("127.0.0.1", proxy.port())),
                    Map.entry("DB_USER", database.user()),
                    Map.entry("DB_PASSWORD", database.password()),
                    Map.entry("DB_LOGIN_TIMEOUT", Integer.toString(LOGIN_TIMEOUT_SECONDS)),
                    Map.entry("DB_QUERY_TIMEOUT", QUERY_TIMEOUT_SECONDS + "s"),
                    Map.entry("LIVETASKS_CONNECTION_QUEUE_CAPACITY", Integer.toString(QUEUE_CAPACITY)),
                    Map.entry("LIVETASKS_CHANGELOG_CAPACITY", Integer.toString(CHANGELOG_CAPACITY)),
                    Map.entry("LIVETASKS_POLL_INTERVAL_MS", Long.toString(POLL_INTERVAL_MS)),
                    Map.entry("LIVETASKS_PRESENCE_HEARTBEAT_SECONDS", Integer.toString(PRESENCE_HEARTBEAT_SECONDS)));
            String name = template + "-" + suffix + "-" + (char) ('a' + i);
            LibertyServer server = LibertyServer.create(wlp, template, war, name, base + 2 * i, base + 2 * i + 1, settings);
            server.overrideConfig("send-buffer.xml", SEND_BUFFER);
            servers.add(server);
        }
        Cluster cluster = new Cluster(database, proxies, servers);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::closeQuietly, "cluster-shutdown"));
        // Both at once: the schema is migrated already, and a start is mostly waiting.
        cluster.inParallel(servers.stream().<Supplier<Void>>map(server -> () -> {
            startUnchecked(server);
            return null;
        }).toList());
        return cluster;
    }

    private static void startUnchecked(LibertyServer server) {
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + server.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void inParallel(List<Supplier<Void>> work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(work.size());
        try {
            List<Future<Void>> running = work.stream().map(w -> executor.submit(w::get)).toList();
            for (Future<Void> future : running) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    public ClusterDatabase database() {
        return database;
    }

    public LibertyServer a() {
        return servers.get(0);
    }

    public LibertyServer b() {
        return servers.get(1);
    }

    public List<LibertyServer> servers() {
        return servers;
    }

    /** The proxy between {@code server} and the database. */
    public TcpProxy proxyOf(LibertyServer server) {
        return proxies.get(servers.indexOf(server));
    }

    /** Makes sure every instance is running and ready, e.g. after a test that restarted or cut one. */
    public void heal(Duration timeout) throws IOException, InterruptedException {
        for (TcpProxy proxy : proxies) {
            proxy.restore();
        }
        for (LibertyServer server : servers) {
            // Only a server a test stopped is started again: one that is up but does not answer (yet) is waited
            // for, as a second start of a running server fails ("already running").
            if (!server.isRunning()) {
                server.start();
            }
            server.awaitReady(timeout);
        }
    }

    /**
     * Begins stopping the cluster and returns at once, for when no test will use it any more ({@link ClusterStops}):
     * its stop then runs beside whatever else ends the run. {@link #close()} waits for it.
     */
    void stopSoon() {
        new Thread(stopping, "cluster-stop").start();
    }

    /** Stops the cluster, or waits for the stop that {@link #stopSoon()} began. */
    @Override
    public void close() throws Exception {
        // Runs the stop unless it is running or has run already.
        stopping.run();
        try {
            stopping.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void stopAll() throws Exception {
        // Everything is stopped even when one stop fails (e.g. a server whose start had failed already). The servers
        // stop together (a stop is mostly Liberty's quiesce and shutdown, a few seconds each), then what they used.
        List<Exception> failures = new ArrayList<>();
        ExecutorService stopping = Executors.newFixedThreadPool(servers.size());
        try {
            List<Future<?>> stops = servers.stream().<Future<?>>map(server -> stopping.submit(() -> {
                server.close();
                return null;
            })).toList();
            for (Future<?> stop : stops) {
                try {
                    stop.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause() instanceof Exception cause ? cause : e);
                }
            }
        } finally {
            stopping.shutdownNow();
        }
        List<AutoCloseable> rest = new ArrayList<>(proxies);
        rest.add(database);
        for (AutoCloseable closeable : rest) {
            try {
                closeable.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            Exception failure = failures.get(0);
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not stop the cluster cleanly: {0}", e.toString());
        } catch (Error e) {
            LOG.log(Level.WARNING, "Could not stop the cluster cleanly: {0}", e.toString());
        }
    }
}
