package io.livetasks.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.AdminMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One extra Liberty server run from the build's installed runtime ({@code target/liberty/wlp}): a server
 * directory next to the integration-test server's, with its {@code server.xml} (and the files it includes:
 * the application, the embedded users), {@code jvm.options} and JDBC drivers and the WAR as {@code apps/livetasks.war} (the application declared in {@code application.xml},
 * context root /).
 * Everything instance-specific goes in as environment variables, which Liberty maps to server.xml
 * variables ({@code HTTP_PORT} to {@code http.port}) and MicroProfile Config to {@code livetasks.*} keys.
 */
public final class LibertyServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LibertyServer.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What {@link #clearKeepingCaches} keeps of a server directory of an earlier run. */
    private static final String WORKAREA = "workarea";
    private static final String RESOURCES = "resources";
    /** The password of the key store in {@code resources/security}, made by the run that made the key store. */
    private static final String KEYSTORE_PASSWORD = "keystore.password";

    /** An HTTP answer; status -1 when the server did not answer at all. */
    public record Reply(int status, String body) {
    }

    private final Path wlp;
    private final String name;
    private final int httpPort;
    private final int httpsPort;
    private final Map<String, String> environment;
    private boolean running;

    private LibertyServer(Path wlp, String name, int httpPort, int httpsPort, Map<String, String> environment) {
        this.wlp = wlp;
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.environment = environment;
    }

    /**
     * Creates (afresh) server {@code name} from the template server {@code template} of the runtime.
     *
     * @param settings environment variables, e.g. {@code DB_URL}, {@code LIVETASKS_CONNECTION_QUEUE_CAPACITY}
     */
    public static LibertyServer create(Path wlp, String template, Path war, String name, int httpPort, int httpsPort,
                                       Map<String, String> settings) {
        Path servers = wlp.resolve("usr/servers");
        Path from = servers.resolve(template);
        Path dir = servers.resolve(name);
        String keystorePassword;
        try {
            keystorePassword = clearKeepingCaches(dir);
            Files.createDirectories(dir.resolve("apps"));
            Files.createDirectories(dir.resolve("jdbc"));
            // server.xml and every file it includes from the configuration directory: application.xml (the
            // application, livetasks.war at "/") and auth-<mode>.xml (who may sign in). Copying all top-level
            // XML means that a new include needs no change here.
            try (var configs = Files.list(from)) {
                for (Path config : configs.filter(LibertyServer::isConfigFile).toList()) {
                    Files.writeString(dir.resolve(config.getFileName()),
                            withoutArquillianDeployments(Files.readString(config, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                }
            }
            // The template's client limits suit one test at a time; a cluster run sets its own (environment),
            // which a -D would override, so those lines stay behind.
            Files.write(dir.resolve("jvm.options"), Files.readAllLines(from.resolve("jvm.options"), StandardCharsets.UTF_8)
                    .stream().filter(line -> !line.strip().startsWith("-Dlivetasks.limits.")).toList(), StandardCharsets.UTF_8);
            // The drivers, and the SQL Server driver's identity libraries in their own folder (jdbc/sqlserver-identity).
            Path fromJdbc = from.resolve("jdbc");
            try (var drivers = Files.walk(fromJdbc)) {
                for (Path driver : drivers.filter(path -> !path.equals(fromJdbc)).toList()) {
                    Path to = dir.resolve("jdbc").resolve(fromJdbc.relativize(driver).toString());
                    if (Files.isDirectory(driver)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(driver, to);
                    }
                }
            }
            Files.copy(war, dir.resolve("apps/livetasks.war"), StandardCopyOption.REPLACE_EXISTING);
            writeOverride(dir, "no-openapi.xml", NO_OPENAPI);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create server " + name, e);
        }
        Map<String, String> environment = new LinkedHashMap<>(settings);
        environment.put("HTTP_PORT", Integer.toString(httpPort));
        environment.put("HTTPS_PORT", Integer.toString(httpsPort));
        // /metrics is served over https only: Liberty makes its default key store (self-signed) only when the
        // environment variable keystore_password is set, which `server create` would have put in server.env.
        environment.put("keystore_password", keystorePassword);
        return new LibertyServer(wlp, name, httpPort, httpsPort, environment);
    }

    /**
     * Empties the server directory {@code dir} of an earlier run (e.g. the last {@code mvn verify}) but for Liberty's
     * caches in {@code workarea} (the OSGi framework's, the application's annotations): a start that finds them
     * costs about 5 s less CPU on two cores (16-20 s instead of 22-25 s, measured with this project's server), and
     * Liberty checks them against the runtime, the features and the application it starts with. The key store
     * stays too, with the password it was made with: a new password would not open it. Logs, transaction logs,
     * configuration and application are made afresh, so a test reads only the log of its own run.
     *
     * @return the key store's password: the kept one, or a new one (the key store is then made at the first start)
     */
    static String clearKeepingCaches(Path dir) throws IOException {
        Path passwordFile = dir.resolve(KEYSTORE_PASSWORD);
        String keptPassword = Files.isRegularFile(passwordFile) ? Files.readString(passwordFile, StandardCharsets.UTF_8) : "";
        boolean keepKeystore = !keptPassword.isBlank();
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    String fileName = entry.getFileName().toString();
                    boolean keep = fileName.equals(WORKAREA)
                            || (keepKeystore && (fileName.equals(RESOURCES) || fileName.equals(KEYSTORE_PASSWORD)));
                    if (!keep) {
                        deleteTree(entry);
                    }
                }
            }
        }
        if (keepKeystore) {
            return keptPassword;
        }
        String password = java.util.UUID.randomUUID().toString();
        Files.createDirectories(dir);
        // Whole or not at all: a run stopped half-way must not leave a blank password behind for the next.
        Path written = Files.writeString(Files.createTempFile(dir, KEYSTORE_PASSWORD, ".tmp"), password, StandardCharsets.UTF_8);
        Files.move(written, passwordFile, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * These servers serve no OpenAPI document: building it scans the application at every start, about 2 s and 3 s of
     * CPU of a start on two cores, and only the integration-test server's document is tested (OpenApiIT).
     */
    private static final String NO_OPENAPI =
            "<server><mpOpenAPI><excludeApplication>livetasks</excludeApplication></mpOpenAPI></server>\n";

    /**
     * Adds {@code xml} (a whole {@code <server>} document) as {@code configDropins/overrides/<fileName>}: Liberty
     * reads it after server.xml and its includes, at the next start.
     */
    public void overrideConfig(String fileName, String xml) throws IOException {
        writeOverride(wlp.resolve("usr/servers").resolve(name), fileName, xml);
    }

    private static void writeOverride(Path serverDirectory, String fileName, String xml) throws IOException {
        Path overrides = Files.createDirectories(serverDirectory.resolve("configDropins/overrides"));
        Files.writeString(overrides.resolve(fileName), xml, StandardCharsets.UTF_8);
    }

    public String name() {
        return name;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    public URI httpsBase() {
        return URI.create("https://127.0.0.1:" + httpsPort + "/");
    }

    /** {@code /metrics?scope=<scope>} as the demo administrator (over https). */
    public AdminMetrics.Reply metrics(String scope) {
        return AdminMetrics.get(httpsBase(), scope);
    }

    public Path messagesLog() {
        return wlp.resolve("usr/servers").resolve(name).resolve("logs/messages.log");
    }

    /** The lines of messages.log that contain {@code text} (empty when there is no log yet). */
    public List<String> logLines(String text) throws IOException {
        Path log = messagesLog();
        if (!Files.exists(log)) {
            return List.of();
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Starts the server and waits until the application answers and its change feed is ready. Without
     * {@code --clean}: a restart (ServerRestartIT, {@link Cluster#heal}) reuses the OSGi cache of the same runtime
     * and application, which saves seconds; {@link #create} empties the directory of an earlier run but for its
     * caches ({@link #clearKeepingCaches}).
     */
    public synchronized void start() throws IOException, InterruptedException {
        startNotWaiting();
        awaitReady(READY_TIMEOUT);
    }

    /** Starts the server without waiting for readiness (for a server that is meant to stay not ready). */
    public synchronized void startNotWaiting() throws IOException, InterruptedException {
        // Running from the attempt on: a start that failed or timed out may have left the server's JVM up (holding
        // its ports), and stop() must still end it.
        running = true;
        run("start");
    }

    /**
     * True from a start (or start attempt) until {@link #stop()}: the server's JVM may be up even when it does not
     * answer yet (starting, or too busy on a loaded machine).
     */
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Stops the server as a container runtime or Kubernetes does: SIGTERM to its JVM, on which Liberty stops
     * gracefully (quiesce, applications stopped, "CWWKE0036I: The server ... stopped"), then waits for the JVM to
     * end. {@code server stop} would do the same through the server's command port, from a JVM of its own (about
     * 1.5 s of CPU a stop). A server whose JVM cannot be found (a start that failed early) gets {@code server stop}.
     */
    public synchronized void stop() throws IOException, InterruptedException {
        if (running) {
            running = false;
            Optional<ProcessHandle> process = serverProcess();
            if (process.isEmpty()) {
                run("stop");
                return;
            }
            process.get().destroy();
            try {
                await("server " + name + " to end after SIGTERM (see " + messagesLog() + ")").atMost(COMMAND_TIMEOUT)
                        .pollInterval(Duration.ofMillis(100)).until(() -> hasEnded(process.get()));
            } catch (ConditionTimeoutException e) {
                process.get().destroyForcibly();
                throw e;
            }
        }
    }

    /**
     * Whether the server's JVM has ended. It is not a child of this JVM ({@code server start} leaves it running in the
     * background), so whoever adopted it reaps it: an init that never does (a container without one) leaves a zombie,
     * which counts as ended here.
     */
    private static boolean hasEnded(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    /**
     * The server's JVM: the process named in the pid file {@code server start} writes, if it still runs Liberty for
     * this server (a pid file of an earlier run may name a process that has nothing to do with it).
     */
    private Optional<ProcessHandle> serverProcess() throws IOException {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String launcher = wlp.resolve("bin/tools/ws-server.jar").toString();
        return ProcessHandle.of(pid).filter(process -> process.info().arguments().map(List::of)
                .filter(arguments -> arguments.indexOf(name) > 0
                        && arguments.get(arguments.indexOf(name) - 1).equals(launcher)).isPresent());
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Waits until {@code /health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        // Looks at once: Awaitility's first look waits one poll interval unless told otherwise, and this runs before
        // every cluster test for both instances (ClusterExtension), which were ready nearly always: 0.5 s a test.
        await("server " + name + " ready (see " + messagesLog() + ")").atMost(timeout)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> readiness().status(), status -> status == 200);
    }

    /** {@code GET /health/ready}; a status of -1 when the server does not answer. */
    public Reply readiness() throws InterruptedException {
        return get("health/ready");
    }

    public Reply get(String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(wlp.resolve("bin/server").toString());
        line.add(command[0]);
        line.add(name);
        line.addAll(List.of(command).subList(1, command.length));
        Path output = Files.createTempFile("liberty-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String transcript = Files.readString(output);
        Files.deleteIfExists(output);
        LOG.log(Level.FINE, "server {0}: {1}", new Object[] {String.join(" ", command), transcript});
        assertThat(finished && process.exitValue() == 0)
                .as("server %s %s:%n%s", String.join(" ", command), name, transcript).isTrue();
    }

    /**
     * The template's configuration without the {@code <application>} elements Arquillian's Liberty container adds
     * to its server.xml while it has the test archive deployed (the shared deployment stays deployed across
     * classes): a copy would name a WAR this server does not have, and its readiness would wait for it for ever.
     * The cluster's application is {@code livetasks.war}, declared as a {@code <webApplication>} in application.xml.
     */
    static String withoutArquillianDeployments(String config) {
        return ARQUILLIAN_APPLICATION.matcher(config).replaceAll("");
    }

    private static final Pattern ARQUILLIAN_APPLICATION = Pattern.compile(
            "[ \\t]*<application\\b[^>]*?(?:/>|>.*?</application>)[ \\t]*\\R?", Pattern.DOTALL);

    private static boolean isConfigFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".xml");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
