package io.livetasks.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real Server-Sent Events client: parses the stream as a browser's EventSource does, event by event. */
public final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String name, String id, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream as {@link User#ALICE}; {@code lastEventId} may be null. */
    public static SseClient open(URI uri, String lastEventId) throws IOException, InterruptedException {
        return open(uri, lastEventId, User.ALICE);
    }

    /** Opens the stream as {@code user} ({@code null}: anonymous); {@code lastEventId} may be null. */
    public static SseClient open(URI uri, String lastEventId, User user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IOException("SSE open failed: HTTP " + response.statusCode() + " " + body);
        }
        return new SseClient(response);
    }

    private void read() {
        try {
            readEvents(response.body(), events::add);
        } catch (IOException e) {
            // The stream ended (closed by us or by the server).
        }
    }

    /**
     * Parses an event stream as a browser's EventSource does, handing each dispatched event to {@code sink},
     * until the stream ends.
     */
    public static void readEvents(InputStream body, Consumer<Event> sink) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        sink.accept(new Event(name == null ? "message" : name, id, data.substring(0, data.length() - 1)));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading()).append('\n');
                }
            }
        }
    }

    /** The next event, or null after the timeout. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isEnded() {
        return !reader.isAlive();
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
