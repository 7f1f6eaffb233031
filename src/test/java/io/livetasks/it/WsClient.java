package io.livetasks.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (java.net.http) collecting text frames and the close code. Keep-alive frames
 * ({@code "action":"keepAlive"}, every second on the IT server) are kept apart: {@link #nextKeepAlive}.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> keepAlives = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects as {@link User#ALICE} to {@code http(s)://...} turned into {@code ws(s)://...}. */
    public static WsClient connect(URI httpUri) throws Exception {
        return connect(httpUri, User.ALICE);
    }

    /** Connects as {@code user} ({@code null}: anonymous) to {@code http(s)://...} turned into {@code ws(s)://...}. */
    public static WsClient connect(URI httpUri, User user) throws Exception {
        URI ws = URI.create(httpUri.toString().replaceFirst("^http", "ws"));
        WsClient client = new WsClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (user != null) {
            builder.header("Authorization", user.basic());
        }
        client.socket = builder.buildAsync(ws, client).get(20, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            (isKeepAlive(frame) ? keepAlives : frames).add(frame);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Sends one text frame. */
    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Whether a frame is a keep-alive of the plain stream. */
    public static boolean isKeepAlive(String frame) {
        return frame.startsWith("{\"action\":\"keepAlive\"");
    }

    /** The next keep-alive frame, or null after the timeout. */
    public String nextKeepAlive(Duration timeout) throws InterruptedException {
        return keepAlives.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next text frame that is no keep-alive, or null after the timeout. */
    public String next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int closeCode(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
