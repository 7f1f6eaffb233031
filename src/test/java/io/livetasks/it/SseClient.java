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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A real Server-Sent Events client: parses the stream as a browser's EventSource does, event by event.
 * Keep-alive events ({@code keepAlive}, every second on the IT server) are kept apart: {@link #nextKeepAlive}.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String name, String id, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Event> keepAlives = new LinkedBlockingQueue<>();
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

    /**
     * Asks for the stream as {@code user} ({@code null}: anonymous) where a refusal is expected: the answer and
     * its body (a problem). Should the stream open after all (200), it is closed at once and its body read as
     * {@value #OPENED}, so that the caller's assertion fails instead of waiting for a stream that never ends.
     */
    public static HttpResponse<String> attempt(URI uri, String lastEventId, User user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Accept", "text/event-stream");
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        // An opened stream is kept aside and closed once send() has returned (closing it earlier cancels the exchange).
        AtomicReference<InputStream> opened = new AtomicReference<>();
        HttpResponse.BodyHandler<String> refusalOnly = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), stream -> {
                    opened.set(stream);
                    return OPENED;
                })
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(request.build(), refusalOnly);
        } finally {
            if (opened.get() != null) {
                opened.get().close();
            }
        }
    }

    /** What {@link #attempt} reads as the body of a stream that opened. */
    public static final String OPENED = "(the event stream opened)";

    private void read() {
        try {
            readEvents(response.body(), event -> ("keepAlive".equals(event.name()) ? keepAlives : events).add(event));
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

    /** The next keep-alive event, or null after the timeout. */
    public Event nextKeepAlive(Duration timeout) throws InterruptedException {
        return keepAlives.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event that is no keep-alive, or null after the timeout. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips events until one matches, within {@code timeout} in all: that event, or null. */
    public Event nextMatching(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Event event;
        do {
            event = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } while (event != null && !wanted.test(event));
        return event;
    }

    public boolean isEnded() {
        return !reader.isAlive();
    }

    /** Waits until the stream has ended (the server closed it), at most {@code timeout}: whether it has. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(Math.max(1, timeout.toMillis()));
        return isEnded();
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
