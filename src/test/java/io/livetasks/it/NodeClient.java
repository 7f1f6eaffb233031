package io.livetasks.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/signalr/client.mjs}, the official {@code @microsoft/signalr} client in Node, and
 * collects the JSON lines it prints. Everything is bounded in time; the transcript (stdout and stderr)
 * goes into assertion messages.
 */
public final class NodeClient implements AutoCloseable {

    public static final Path PROJECT = Path.of("src/test/signalr").toAbsolutePath();
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);
    private static Boolean toolsAvailable;

    private final Process process;
    private final Writer stdin;
    private final List<JsonObject> events = new ArrayList<>();
    private final StringBuilder transcript = new StringBuilder();

    private NodeClient(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    /** True when both {@code node} and {@code npm} run on this machine (asked once per JVM: npm takes a while to answer). */
    public static synchronized boolean toolsAvailable() {
        if (toolsAvailable == null) {
            toolsAvailable = runs("node", "--version") && npmAvailable();
        }
        return toolsAvailable;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when {@code npm} runs on this machine. */
    public static boolean npmAvailable() {
        return runs("npm", "--version");
    }

    /** Installs the pinned client with {@code npm ci} unless it is installed already. */
    public static synchronized void install() throws IOException, InterruptedException {
        if (Files.isDirectory(PROJECT.resolve("node_modules/@microsoft/signalr"))) {
            return;
        }
        npmCi(PROJECT);
    }

    /** Runs {@code npm ci} in {@code project}, bounded in time; fails with npm's output when it does not succeed. */
    public static void npmCi(Path project) throws IOException, InterruptedException {
        Path log = Files.createTempFile("npm-ci", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            npm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(finished && npm.exitValue() == 0)
                .as("npm ci in %s %s:%n%s", project, finished ? "failed" : "timed out after " + INSTALL_TIMEOUT, output).isTrue();
    }

    public static NodeClient start(String... arguments) throws IOException {
        return run("client.mjs", arguments);
    }

    /** Runs another script of {@link #PROJECT} (e.g. {@code listener.mjs}) the same way. */
    public static NodeClient run(String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        return new NodeClient(new ProcessBuilder(command).directory(PROJECT.toFile()).start());
    }

    private void pump(InputStream stream, boolean json) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (this) {
                        transcript.append(json ? "out: " : "err: ").append(line).append('\n');
                        if (json && line.startsWith("{")) {
                            events.add(Api.object(line));
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "node-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the {@code occurrence}-th (1-based) event named {@code name}; fails with the transcript after the timeout. */
    public synchronized JsonObject await(String name, int occurrence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonObject> named = named(name);
            if (named.size() >= occurrence) {
                return named.get(occurrence - 1);
            }
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for %s #%d from the Node client; transcript:%n%s", name, occurrence, transcript).isPositive();
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    public synchronized List<JsonObject> named(String name) {
        return events.stream().filter(e -> name.equals(e.getString("event", null))).toList();
    }

    public synchronized String transcript() {
        return transcript.toString();
    }

    public void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            send("exit");
        } catch (IOException e) {
            // Already gone.
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
