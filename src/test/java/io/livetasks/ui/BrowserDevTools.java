package io.livetasks.ui;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser-level DevTools session of one Chromium, over its DevTools WebSocket. ChromeDriver's
 * {@code executeCdpCommand} talks to the current page only, which may not create or dispose browser
 * contexts ("Not allowed"); this session may. Each answer names its command's id; events are ignored. One command
 * at a time (a WebSocket allows one outstanding send).
 */
final class BrowserDevTools implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonObject>> pending;
    private final AtomicInteger ids = new AtomicInteger();

    private BrowserDevTools(WebSocket socket, Map<Integer, CompletableFuture<JsonObject>> pending) {
        this.socket = socket;
        this.pending = pending;
    }

    /** Connects to the browser whose DevTools listen on {@code debuggerAddress} ({@code host:port}, as ChromeDriver reports it). */
    static BrowserDevTools connect(String debuggerAddress) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create("http://" + debuggerAddress + "/json/version"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        URI browser = URI.create(parse(version.body()).getString("webSocketDebuggerUrl"));
        Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(browser, new Answers(pending)).join();
        return new BrowserDevTools(socket, pending);
    }

    /** Sends a command and returns its result; fails with the browser's error, or after a timeout. */
    synchronized JsonObject send(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String command = Json.createObjectBuilder().add("id", id).add("method", method).add("params", params).build().toString();
        try {
            socket.sendText(command, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsonObject message = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message.containsKey("error")) {
                throw new IllegalStateException(method + " failed: " + message.getJsonObject("error"));
            }
            return message.getJsonObject("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** Completes the command whose id an answer carries. */
    private static final class Answers implements WebSocket.Listener {

        private final Map<Integer, CompletableFuture<JsonObject>> pending;
        private final StringBuilder text = new StringBuilder();

        Answers(Map<Integer, CompletableFuture<JsonObject>> pending) {
            this.pending = pending;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = parse(text.toString());
                text.setLength(0);
                if (message.containsKey("id")) {
                    CompletableFuture<JsonObject> answer = pending.get(message.getInt("id"));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
