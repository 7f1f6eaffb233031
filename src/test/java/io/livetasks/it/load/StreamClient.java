package io.livetasks.it.load;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One list stream of a load test, over a plain WebSocket or plain SSE, that records what it was sent: the
 * titles of the tasks it saw, whether versions ever went back, whether it was told to resync, whether it
 * ended. Many share one {@link HttpClient} (one selector thread for all WebSockets).
 */
public final class StreamClient {

    /** The transport a client uses. */
    public enum Kind { WEBSOCKET, SSE, SIGNALR }

    private static final String RS = "\u001e";

    private final Kind kind;
    private final Set<String> titles = ConcurrentHashMap.newKeySet();
    private final Set<Long> versions = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile long lastVersion = -1;
    private volatile boolean wentBack;
    private volatile boolean resync;
    private volatile WebSocket socket;
    private volatile InputStream sseBody;

    private StreamClient(Kind kind) {
        this.kind = kind;
    }

    /** Opens the stream of {@code listId} after version {@code since}, as {@code user}. */
    public static StreamClient open(HttpClient http, URI base, Kind kind, long listId, long since, User user) throws Exception {
        StreamClient client = new StreamClient(kind);
        if (kind == Kind.WEBSOCKET) {
            URI uri = URI.create(base.resolve("ws/lists/" + listId + "?since=" + since).toString().replaceFirst("^http", "ws"));
            client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                    .header("Authorization", user.basic()).buildAsync(uri, client.listener()).get(60, TimeUnit.SECONDS);
        } else if (kind == Kind.SIGNALR) {
            URI uri = URI.create(base.resolve("hubs/tasks").toString().replaceFirst("^http", "ws"));
            client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                    .header("Authorization", user.basic()).buildAsync(uri, client.listener()).get(60, TimeUnit.SECONDS);
            client.socket.sendText("{\"protocol\":\"json\",\"version\":1}" + RS, true).get(20, TimeUnit.SECONDS);
            client.socket.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinList\",\"arguments\":[" + listId
                    + "," + since + "]}" + RS, true).get(20, TimeUnit.SECONDS);
        } else {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("api/lists/" + listId + "/events?since=" + since))
                    .header("Accept", "text/event-stream").header("Authorization", user.basic()).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes());
                throw new IllegalStateException("SSE open failed: HTTP " + response.statusCode() + " " + body);
            }
            client.sseBody = response.body();
            Thread reader = new Thread(() -> {
                try {
                    SseClient.readEvents(response.body(), event -> client.onEvent(event.data()));
                } catch (Exception e) {
                    // the stream ended: closed by us or by the server
                }
                client.ended.complete(null);
            }, "sse-load-client");
            reader.setDaemon(true);
            reader.start();
        }
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (kind == Kind.SIGNALR) {
                    int separator;
                    while ((separator = partial.indexOf(RS)) >= 0) {
                        onRecord(partial.substring(0, separator));
                        partial.delete(0, separator + 1);
                    }
                } else if (last) {
                    onEvent(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                ended.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                ended.complete(null);
            }
        };
    }

    /** A SignalR hub protocol record: invocations of the client's targets carry the event JSON. */
    private void onRecord(String record) {
        if (!record.startsWith("{")) {
            return;
        }
        JsonObject message = Api.object(record);
        int type = message.getInt("type", -1);
        if (type == 7) {
            ended.complete(null);
        } else if (type == 1 && message.containsKey("arguments") && !message.getJsonArray("arguments").isEmpty()
                && message.getJsonArray("arguments").get(0) instanceof JsonObject event) {
            onEvent(event.toString());
        } else if (type == 3 && message.containsKey("result") && message.get("result") instanceof JsonObject join
                && join.getBoolean("resync", false)) {
            resync = true;
        }
    }

    private void onEvent(String data) {
        if (data == null || !data.startsWith("{")) {
            return;
        }
        JsonObject event = Api.object(data);
        if ("keepAlive".equals(event.getString("action", ""))) {
            return; // proof of life, no change
        }
        if ("resync".equals(event.getString("action", ""))) {
            resync = true;
            return;
        }
        if (event.containsKey("version")) {
            long version = event.getJsonNumber("version").longValue();
            if (version < lastVersion) {
                wentBack = true;
            }
            lastVersion = version;
            versions.add(version);
        }
        if (event.containsKey("task") && !event.isNull("task")) {
            titles.add(event.getJsonObject("task").getString("title"));
        }
    }

    public Kind kind() {
        return kind;
    }

    public boolean sawAll(Set<String> expected) {
        return titles.containsAll(expected);
    }

    public boolean saw(String title) {
        return titles.contains(title);
    }

    /** The versions of every change event received. */
    public Set<Long> versions() {
        return Set.copyOf(versions);
    }

    public int seen() {
        return titles.size();
    }

    public boolean toldToResync() {
        return resync;
    }

    public boolean versionsWentBack() {
        return wentBack;
    }

    public boolean ended() {
        return ended.isDone();
    }

    /** Closes politely (WebSocket close frame; SSE: the response body). */
    public void close() {
        try {
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
            if (sseBody != null) {
                sseBody.close();
            }
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** Vanishes without a word: the socket is dropped, no close frame (the OS still closes the TCP connection). */
    public void abort() {
        if (socket != null) {
            socket.abort();
        }
        if (sseBody != null) {
            try {
                sseBody.close();
            } catch (Exception e) {
                // gone anyway
            }
        }
    }
}
