package io.livetasks.it.noloss;

import io.livetasks.it.Api;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A subscriber that behaves like a browser on a bad network: loads the list's snapshot, subscribes from its
 * version, and every so often drops the connection and resumes, on a random instance, from the last version
 * it saw completely: the SSE {@code id:}, or for WebSocket the newest version before the last one received
 * (as src/main/webapp/js/state.js does). Told to resync, it reloads the snapshot and goes on.
 *
 * <p>It reads and subscribes as {@link User#ALICE}, the owner of every list of the run (see {@link NoLossRun}).
 *
 * <p>It checks the ordering rules as events arrive and keeps what the final check needs: every
 * {@code (task, version)} received and its copy of the list. Runs on its own thread until {@link #stop()}.
 */
final class ResumingClient implements Runnable {

    /** Counters and findings; read after the thread ended. */
    static final class Tally {
        int connections;
        int resumes;
        int disconnects;
        int serverCloses;
        int resyncs;
        int connectFailures;
        long events;
        final List<String> violations = new ArrayList<>();
    }

    private final int index;
    private final boolean webSocket;
    private final long listId;
    private final List<URI> instances;
    private final HttpClient http;
    private final Random random;
    private final ListModel model = new ListModel();
    private final Set<String> received = new HashSet<>();
    private final Tally tally = new Tally();
    private volatile boolean steady;
    private volatile boolean stopped;
    /** The version every change up to which has been applied: where to resume. */
    private long cursor;
    /** WebSocket only: the newest version received; the one before it is complete. */
    private long newest;

    ResumingClient(int index, boolean webSocket, long listId, List<URI> instances, HttpClient http, long seed) {
        this.index = index;
        this.webSocket = webSocket;
        this.listId = listId;
        this.instances = instances;
        this.http = http;
        this.random = new Random(seed);
    }

    long listId() {
        return listId;
    }

    String name() {
        return "client " + index + " (" + (webSocket ? "WebSocket" : "SSE") + ", list " + listId + ")";
    }

    /** From now on the client stays connected (the writers have stopped; it only has to catch up). */
    void steady() {
        steady = true;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            reload();
            while (!stopped) {
                session();
                if (!stopped) {
                    Thread.sleep(random.nextInt(300)); // the client's pause before it reconnects: part of the load
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            synchronized (this) {
                tally.violations.add(name() + " crashed: " + e);
            }
        }
    }

    /** Loads the snapshot (retrying on another instance while one is unavailable) and resumes from its version. */
    private void reload() throws InterruptedException {
        while (!stopped) {
            URI base = instances.get(random.nextInt(instances.size()));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/lists/" + listId))
                        .header("Authorization", User.ALICE.basic()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    synchronized (this) {
                        model.load(Api.object(response.body()));
                        cursor = model.snapshotVersion();
                        newest = cursor;
                    }
                    return;
                }
            } catch (java.io.IOException e) {
                // The instance is restarting or unreachable: try again, maybe elsewhere.
            }
            Thread.sleep(200); // the client's backoff before it retries, as a real one has: part of the behaviour
        }
    }

    /** One connection: from the cursor until a random moment (or until told to stop), then closed by us. */
    private void session() throws InterruptedException {
        URI base = instances.get(random.nextInt(instances.size()));
        long resumePoint = cursor;
        EventStream stream;
        try {
            stream = webSocket ? EventStream.webSocket(http, base, listId, resumePoint)
                    : EventStream.sse(http, base, listId, resumePoint);
        } catch (Exception e) {
            tally.connectFailures++;
            Thread.sleep(200); // the client's backoff before it reconnects, as a real one has: part of the behaviour
            return;
        }
        synchronized (this) {
            newest = resumePoint;
            if (tally.connections++ > 0) {
                tally.resumes++;
            }
        }
        long until = System.nanoTime() + Duration.ofMillis(300 + random.nextInt(2200)).toNanos();
        long lastOnConnection = 0;
        try (stream) {
            while (!stopped && (steady || System.nanoTime() < until)) {
                EventStream.Item item = stream.next(Duration.ofMillis(100));
                if (item == null) {
                    continue;
                }
                if (item.isEnd()) {
                    tally.serverCloses++;
                    return;
                }
                if ("resync".equals(item.name())) {
                    synchronized (this) {
                        tally.resyncs++;
                    }
                    reload();
                    return;
                }
                if ("taskUpdate".equals(item.name())) {
                    lastOnConnection = onEvent(item, resumePoint, lastOnConnection);
                }
            }
            tally.disconnects++;
        }
    }

    private synchronized long onEvent(EventStream.Item item, long resumePoint, long lastOnConnection) {
        JsonObject event = Api.object(item.data());
        long version = event.getJsonNumber("version").longValue();
        tally.events++;
        if (version <= resumePoint) {
            tally.violations.add(name() + ": version " + version + " at or below the resume point " + resumePoint);
        }
        if (version < lastOnConnection) {
            tally.violations.add(name() + ": version " + version + " after " + lastOnConnection + " on one connection");
        }
        if (event.getJsonNumber("listId").longValue() != listId) {
            tally.violations.add(name() + ": event of another list: " + item.data());
        }
        received.add(event.getJsonNumber("taskId").longValue() + "@" + version);
        model.apply(event);
        if (webSocket) {
            if (version > newest) {
                cursor = newest;
                newest = version;
            }
        } else if (item.id() != null) {
            cursor = Long.parseLong(item.id());
        }
        return Math.max(lastOnConnection, version);
    }

    /** The snapshot version the client's copy is based on (the last reload). */
    synchronized long baseVersion() {
        return model.snapshotVersion();
    }

    synchronized boolean received(long taskId, long version) {
        return received.contains(taskId + "@" + version);
    }

    synchronized java.util.Map<Long, ListModel.TaskState> tasks() {
        return model.tasks();
    }

    synchronized Tally tally() {
        return tally;
    }
}
