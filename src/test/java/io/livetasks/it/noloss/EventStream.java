package io.livetasks.it.noloss;

import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One subscription of a no-loss client, WebSocket or SSE, as a queue of items. Many clients share one
 * {@link HttpClient} (one selector thread for all). An SSE stream has a reader thread; closing ends it.
 * Every stream signs in as {@link User#ALICE}, who creates the checker's lists.
 */
abstract class EventStream implements AutoCloseable {

    /** An event (name {@code taskUpdate} or {@code resync}), with the SSE {@code id:} when there was one. */
    record Item(String name, String id, String data) {
        static final Item END = new Item("end", null, null);

        boolean isEnd() {
            return this == END;
        }
    }

    protected final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    /** The next item; {@link Item#END} once the stream ended; null after the timeout. */
    Item next(Duration timeout) throws InterruptedException {
        return items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public abstract void close();

    static EventStream webSocket(HttpClient http, URI base, long listId, long since) throws Exception {
        WebSocketStream stream = new WebSocketStream();
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws/lists/" + listId + "?since=" + since);
        stream.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", User.ALICE.basic()).buildAsync(uri, stream)
                .get(10, TimeUnit.SECONDS);
        return stream;
    }

    static EventStream sse(HttpClient http, URI base, long listId, long lastEventId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/lists/" + listId + "/events"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", Long.toString(lastEventId))
                .header("Authorization", User.ALICE.basic()).build();
        HttpResponse<InputStream> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("SSE open failed: HTTP " + response.statusCode());
        }
        return new SseStream(response.body());
    }

    private static final class WebSocketStream extends EventStream implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                String name = frame.contains("\"action\":\"resync\"") ? "resync"
                        : frame.startsWith("{\"action\":\"keepAlive\"") ? "keepAlive" : "taskUpdate";
                items.add(new Item(name, null, frame));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            items.add(Item.END);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            items.add(Item.END);
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private static final class SseStream extends EventStream {
        private final InputStream body;

        SseStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "noloss-sse");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try {
                SseClient.readEvents(body, event -> items.add(new Item(event.name(), event.id(), event.data())));
            } catch (IOException e) {
                // Closed by us or by the server.
            } finally {
                items.add(Item.END);
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }
}
