package io.livetasks.task.feed;

import io.livetasks.changefeed.Version;
import io.livetasks.task.ListAccess;
import io.livetasks.task.UnknownIdException;
import io.livetasks.push.ConnectionLimits;
import io.livetasks.push.Hub;
import io.livetasks.push.websocket.CloseReasons;
import io.livetasks.push.websocket.WebSocketConnection;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/lists/{listId}?since=<version>}: the list's changes over a plain WebSocket, one text frame
 * per event, replaying what came after {@code since} first. A client told to resync is then disconnected.
 *
 * <p>The container creates one instance per connection, outside CDI: the application-scoped collaborators
 * are looked up once per connection (they are proxies, so nothing leaks).
 */
@ServerEndpoint("/ws/lists/{listId}")
public class ListSocket {

    /** Close code for an unknown list (application range 4000-4999, mirroring HTTP 404). */
    static final int UNKNOWN_LIST = 4404;
    /** Close code "Try Again Later" (RFC 6455): the client holds as many connections as it may. */
    static final int TRY_AGAIN_LATER = 1013;
    /** Close code for a handshake without valid credentials. */
    static final int UNAUTHENTICATED = 4401;
    /** Close code for an unreadable request, e.g. a bad {@code since} (mirroring HTTP 400). */
    static final int BAD_REQUEST = 4400;

    private static final Logger LOG = Logger.getLogger(ListSocket.class.getName());

    /** Set by {@code opened}; read by {@code closed}/{@code failed}, which may run on another thread. */
    private volatile WebSocketConnection connection;

    @OnOpen
    public void open(Session session, @PathParam("listId") String listIdText) throws IOException {
        long listId;
        Optional<Version> since;
        boolean presence;
        try {
            listId = Long.parseLong(listIdText);
            List<String> sinceParam = session.getRequestParameterMap().get("since");
            since = ResumePoint.parse(sinceParam == null || sinceParam.isEmpty() ? null : sinceParam.get(0));
            List<String> presenceParam = session.getRequestParameterMap().get(PresenceEvent.PARAMETER);
            presence = PresenceEvent.requested(presenceParam == null || presenceParam.isEmpty() ? null : presenceParam.get(0));
        } catch (IllegalArgumentException e) { // a NumberFormatException too
            reject(session, BAD_REQUEST, "Bad list id, since or presence: " + e.getMessage());
            return;
        }
        Principal principal = session.getUserPrincipal();
        if (principal == null) {
            reject(session, UNAUTHENTICATED, "Sign in first: send credentials or use a signed-in browser session");
            return;
        }
        String user = principal.getName();
        CDI<Object> cdi = CDI.current();
        ListAccess access = cdi.select(ListAccess.class).get();
        ListSubscriptions subscriptions = cdi.select(ListSubscriptions.class).get();
        Hub hub = cdi.select(Hub.class).get();
        try {
            access.requireMember(listId, user);
        } catch (UnknownIdException e) {
            reject(session, UNKNOWN_LIST, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // The database is unreachable: say so, rather than leave an open socket that never receives.
            LOG.log(Level.WARNING, "Could not check membership of list {0} for a WebSocket: {1}", new Object[] {listId, e.toString()});
            reject(session, TRY_AGAIN_LATER, "The database is not reachable right now; reconnect shortly");
            return;
        }
        Optional<ConnectionLimits.Permit> permit = cdi.select(ConnectionLimits.class).get().admit(user);
        if (permit.isEmpty()) {
            reject(session, TRY_AGAIN_LATER, "Too many connections: close some, or try again later");
            return;
        }
        connection = new WebSocketConnection(user, hub.queueCapacity(), session,
                cdi.select(ManagedScheduledExecutorService.class).get());
        connection.onClose(permit.get()::release);
        hub.add(connection);
        try {
            if (!subscriptions.subscribe(listId, since, connection.subscription(), user, presence)) {
                connection.finish("resync");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not subscribe a WebSocket to list " + listId, e);
            connection.close("server error"); // closes the socket, so the client reconnects and resumes
        }
        if (!session.isOpen()) {
            // The client vanished while this method ran (before the connection was known to closed()/failed()):
            // release it now rather than leave it to the keep-alives.
            connection.close("closed while opening");
        }
    }

    private static void reject(Session session, int code, String reason) throws IOException {
        session.close(CloseReasons.of(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        if (connection != null) {
            connection.close("closed by client: " + reason.getCloseCode());
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
        if (connection != null) {
            connection.close("error: " + error);
        }
    }
}
