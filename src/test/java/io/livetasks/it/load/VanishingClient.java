package io.livetasks.it.load;

import io.livetasks.it.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A client that subscribes to a list over a raw TCP socket and then vanishes without a word: no WebSocket
 * close frame, no SignalR close, no end of the HTTP exchange. Either its socket is reset ({@link #reset()}:
 * SO_LINGER 0, an RST, as when a client's process is killed) or closed with a FIN ({@link #drop()}: as when a
 * mobile browser tab is frozen and its socket reclaimed). A true half-open connection (the peer's machine gone,
 * no packet at all) cannot be made on loopback; the server's keep-alives and send timeouts are what would
 * find it.
 */
public final class VanishingClient {

    /** What the client pretends to be. */
    public enum Kind { WEBSOCKET, SIGNALR, SSE }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RS = "\u001e";

    private final Socket socket;

    private VanishingClient(Socket socket) {
        this.socket = socket;
    }

    /**
     * Opens the stream of {@code listId} as {@code user}, live only; returns once the server has accepted it.
     *
     * @param base the application's address, ending in "/" (paths are resolved against it)
     */
    public static VanishingClient open(URI base, Kind kind, long listId, User user) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(20_000);
        try {
            OutputStream out = socket.getOutputStream();
            String host = base.getHost() + ":" + base.getPort();
            String path = base.resolve(switch (kind) {
                case WEBSOCKET -> "ws/lists/" + listId;
                case SIGNALR -> "hubs/tasks";
                case SSE -> "api/lists/" + listId + "/events";
            }).getRawPath();
            String upgrade = kind == Kind.SSE
                    ? "Accept: text/event-stream\r\n"
                    : "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + upgrade + "Authorization: " + user.basic()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = statusLine(socket.getInputStream());
            String expected = kind == Kind.SSE ? " 200" : " 101";
            if (!status.contains(expected)) {
                throw new IOException(kind + " refused: " + status);
            }
            if (kind == Kind.SIGNALR) {
                writeText(out, "{\"protocol\":\"json\",\"version\":1}" + RS);
                writeText(out, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinList\",\"arguments\":[" + listId + "]}" + RS);
            }
            return new VanishingClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Vanishes with an RST. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Vanishes with a FIN, never having said goodbye in the protocol. */
    public void drop() throws IOException {
        socket.close();
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** One masked text frame (clients must mask), payloads under 126 bytes. */
    private static void writeText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("payload too long for a short frame");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
    }
}
