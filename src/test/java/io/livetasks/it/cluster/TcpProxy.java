package io.livetasks.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a server and its database that a test can {@link #cut()} (every open
 * connection is reset and new ones are refused, as when the database host goes away) and
 * {@link #restore()}. Bounded: at most {@link #MAX_CONNECTIONS} connections at once, two daemon threads each.
 */
public final class TcpProxy implements AutoCloseable {

    static final int MAX_CONNECTIONS = 200;

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pipes = new AtomicInteger();
    private volatile ServerSocket listener;

    public TcpProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    public int port() {
        return port;
    }

    /** Listens (again) and forwards new connections. */
    public synchronized TcpProxy restore() throws IOException {
        if (listener == null) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return this;
    }

    /** Stops listening (new connections are refused) and resets every open connection. */
    public synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (SocketException e) {
                // Already closed.
            }
            socket.close();
        }
        sockets.clear();
    }

    public boolean isCut() {
        return listener == null;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (pipes.get() >= MAX_CONNECTIONS) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // Closed by cut(), or the database refused: the client sees its connection fail.
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        pipes.incrementAndGet();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // One side went away: end both.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                pipes.decrementAndGet();
            }
        }, "tcp-proxy-pipe-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do.
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
