package io.livetasks.push.signalr;

import io.livetasks.push.signalr.auth.HubSettings;
import io.livetasks.push.signalr.protocol.HubFrames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live SignalR connections of this instance by connection token, and their housekeeping: once a
 * second it sends Pings to connections idle for the keep-alive interval (with a {@code keepAlive} invocation
 * the application's code sees, see {@link SignalRConnection#sendKeepAlives()}), closes connections whose access
 * token expired, and drops connections that no transport took up, that never shook hands, or whose client
 * went away (see {@link HubSettings}).
 */
@ApplicationScoped
public class SignalRConnections {

    private static final Logger LOG = Logger.getLogger(SignalRConnections.class.getName());
    /** The Close error of a connection whose access token expired; the official client reports it and may reconnect. */
    static final String TOKEN_EXPIRED = "Unauthorized: the access token expired";

    private final Map<String, SignalRConnection> byToken = new ConcurrentHashMap<>();
    private final HubSettings settings;
    private final ManagedScheduledExecutorService executor;
    private final Clock clock;
    private ScheduledFuture<?> sweeper;

    @Inject
    public SignalRConnections(HubSettings settings, ManagedScheduledExecutorService executor) {
        this(settings, executor, Clock.systemUTC());
    }

    SignalRConnections(HubSettings settings, ManagedScheduledExecutorService executor, Clock clock) {
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /** For the CDI proxy only. */
    protected SignalRConnections() {
        this(null, null, null);
    }

    public HubSettings settings() {
        return settings;
    }

    /** Where transports close their sessions, off the I/O thread that decided it (see {@link WebSocketTransport}). */
    public Executor closer() {
        return executor;
    }

    /** A new connection of {@code definition} for {@code user} (null when anonymous), not yet bound to a transport. */
    public SignalRConnection create(HubDefinition definition, String user, int negotiateVersion) {
        startSweeping();
        SignalRConnection connection = new SignalRConnection(definition, user, negotiateVersion, settings, clock);
        byToken.put(connection.token(), connection);
        connection.onClose(() -> byToken.remove(connection.token()));
        return connection;
    }

    public Optional<SignalRConnection> find(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public int size() {
        return byToken.size();
    }

    private synchronized void startSweeping() {
        if (sweeper == null && executor != null) {
            sweeper = executor.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // One uncaught exception would cancel the schedule: log and keep sweeping.
            LOG.log(Level.WARNING, "SignalR housekeeping failed", e);
        }
    }

    /** One housekeeping round; package-private so that tests drive it with their own clock. */
    void sweep() {
        long now = clock.millis();
        for (SignalRConnection connection : List.copyOf(byToken.values())) {
            Transport transport = connection.transport();
            if (now >= connection.expiresAt()) {
                // As ASP.NET Core's CloseOnAuthenticationExpiration: reconnecting is allowed, so a client with
                // automatic reconnect fetches a fresh token (accessTokenFactory, or /api/negotiate) and carries on.
                LOG.log(Level.FINE, "Closing {0}: access token expired", connection);
                connection.closeWithError(TOKEN_EXPIRED, true);
            } else if (transport == null) {
                expire(connection, now - connection.createdAt(), settings.negotiateTimeout().toMillis(), "no transport connected after negotiate");
            } else if (!connection.handshakeDone()) {
                expire(connection, now - connection.attachedAt(), settings.handshakeTimeout().toMillis(), "no handshake received");
            } else if (transport instanceof LongPollingTransport polling) {
                expire(connection, polling.millisWithoutPoll(now), settings.disconnectTimeout().toMillis(), "long-polling client stopped polling");
                keepAlive(connection, now);
            } else if (now - connection.lastReceived() > settings.clientTimeout().toMillis()) {
                LOG.log(Level.FINE, "Closing {0}: client timeout", connection);
                connection.closeWithError("Client timeout: nothing received for " + settings.clientTimeout().toSeconds() + " s", true);
            } else {
                keepAlive(connection, now);
            }
        }
    }

    private static void expire(SignalRConnection connection, long idleMillis, long limitMillis, String reason) {
        if (idleMillis > limitMillis) {
            LOG.log(Level.FINE, "Dropping {0}: {1}", new Object[] {connection, reason});
            connection.close(reason);
        }
    }

    /** A Ping for the client library, and next to it a keep-alive invocation per joined list for the app. */
    private void keepAlive(SignalRConnection connection, long now) {
        if (now - connection.lastSent() >= settings.keepAlive().toMillis() && connection.queued() == 0) {
            connection.sendKeepAlives();
            connection.sendFrame(HubFrames.ping());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        List.copyOf(byToken.values()).forEach(connection -> connection.close("server shutting down"));
    }
}
