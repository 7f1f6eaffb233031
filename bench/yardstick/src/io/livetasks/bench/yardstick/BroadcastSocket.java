package io.livetasks.bench.yardstick;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare WebSocket endpoint: it only remembers its open sessions, which {@link Broadcasts} then sends to.
 * A static set on purpose: this is the plainest code Liberty can push with, the yardstick the application
 * is measured against, not an example to follow.
 */
@ServerEndpoint("/ws")
public class BroadcastSocket {

    static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void open(Session session) {
        SESSIONS.add(session);
    }

    @OnClose
    public void close(Session session) {
        SESSIONS.remove(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        SESSIONS.remove(session);
    }
}
