package io.livetasks.it.cluster;

import io.livetasks.it.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A raw-socket client that subscribes (WebSocket upgrade or SSE request), reads the response head and then
 * stops reading, as a frozen browser tab or a dead network path would. Its receive buffer is small, so
 * that the server's writes back up soon. It signs in as {@link User#ALICE} (HTTP Basic), who must be a member
 * of the list.
 */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;
    private final String head;

    private StalledClient(Socket socket, String head) {
        this.socket = socket;
        this.head = head;
    }

    public static StalledClient webSocket(URI base, String path) throws IOException {
        return open(base, "GET " + path + " HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    public static StalledClient sse(URI base, String path) throws IOException {
        return open(base, "GET " + path + " HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nAccept: text/event-stream\r\n\r\n");
    }

    private static StalledClient open(URI base, String request) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(10_000);
        String host = base.getHost() + ":" + base.getPort();
        socket.getOutputStream().write(String.format(request, host, User.ALICE.basic()).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new StalledClient(socket, readHead(socket.getInputStream()));
    }

    /** The status line and headers, byte by byte so that nothing after them is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public String head() {
        return head;
    }

    /**
     * Starts reading again and drains what the server had sent: true when the server ended the stream within
     * {@code timeout}: the connection closed, or {@code endMarker} arrived (the WebSocket close frame, after
     * which the server waits for the client's, which this client never sends; or the last chunk of an HTTP
     * response, after which the connection may stay open for the next request).
     */
    public boolean drainsToEnd(Duration timeout, long maxBytes, byte[] endMarker) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[0];
        long total = 0;
        socket.setSoTimeout(1000);
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline && total < maxBytes) {
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
                total += read;
                byte[] window = new byte[tail.length + read];
                System.arraycopy(tail, 0, window, 0, tail.length);
                System.arraycopy(buffer, 0, window, tail.length, read);
                if (indexOf(window, endMarker) >= 0) {
                    return true;
                }
                tail = Arrays.copyOfRange(window, Math.max(0, window.length - endMarker.length), window.length);
            } catch (SocketTimeoutException e) {
                // Nothing yet: the connection is still open.
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
