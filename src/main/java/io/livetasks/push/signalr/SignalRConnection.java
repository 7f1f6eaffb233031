package io.livetasks.push.signalr;

import io.livetasks.push.signalr.auth.HubSettings;
import io.livetasks.push.signalr.protocol.HubFrames;
import io.livetasks.push.Connection;
import io.livetasks.push.Hub;
import io.livetasks.push.Message;
import io.livetasks.push.Subscription;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A SignalR connection: created by negotiate (or by a WebSocket that skipped it), taken up by exactly one
 * transport, then joined to its hub after the handshake. Hub messages are framed as Invocations of their
 * target with the message JSON as the single argument; protocol frames (handshake response, completions,
 * pings, close) share the same outbox, so the one-send-in-flight and slow-consumer rules cover everything
 * written to the client.
 *
 * <p>Each joined list is a {@link Subscription} of its own (see {@link #subscribe(String)}): its own version
 * cursor in front of this connection's outbox, so a list's replay is queued here as a replay, exempt from
 * the capacity, and its live changes as live ones.
 */
public final class SignalRConnection extends Connection {

    /**
     * {@code transport} tags of SignalR connections at {@code /metrics}: one per transport, and one for
     * connections negotiated but not yet connected.
     */
    public static final List<String> TRANSPORT_NAMES = List.of("signalr-negotiated",
            "signalr-websockets", "signalr-serversentevents", "signalr-longpolling");

    @Override
    public String transportName() {
        Transport current = transport;
        return current == null ? TRANSPORT_NAMES.get(0)
                : "signalr-" + current.type().name().toLowerCase(Locale.ROOT);
    }

    /** Marks a queued message whose JSON is a complete protocol frame (no hub target contains NUL). */
    private static final String FRAME = "\u0000frame";

    /**
     * Records that may go out in one write: what queued while the previous write was in flight goes together,
     * in order (one WebSocket message, SSE event or poll response holding several records, as the protocol
     * allows and ASP.NET Core does).
     */
    static final int BATCH_LIMIT = 64;

    /** A message's record, framed once per message for every SignalR connection it goes to. */
    private static final Function<Message, String> RECORD =
            message -> FRAME.equals(message.target()) ? message.json() : HubFrames.invocation(message.target(), message.json());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubDefinition definition;
    private final String token;
    private final Clock clock;
    private final long createdAt;
    private final InboundProcessor inbound;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile Transport transport;
    private volatile long attachedAt;
    private volatile long lastReceived;
    private volatile long lastSent;
    private volatile boolean handshakeDone;
    private volatile long expiresAt = Long.MAX_VALUE;
    private boolean sending;

    /**
     * @param negotiateVersion 1 gives the connection a secret token distinct from its id; 0 uses the id
     */
    SignalRConnection(HubDefinition definition, String user, int negotiateVersion, HubSettings settings, Clock clock) {
        super(user, definition.hub().queueCapacity(), BATCH_LIMIT);
        this.definition = definition;
        this.token = negotiateVersion >= 1 ? newToken() : id();
        this.clock = clock;
        this.createdAt = clock.millis();
        this.inbound = new InboundProcessor(this, settings.maxMessageBytes());
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secret that transports present as {@code ?id=} (the connection id itself for negotiate version 0). */
    public String token() {
        return token;
    }

    public HubDefinition definition() {
        return definition;
    }

    /** Binds the transport; false when one is already bound (the request is then refused with 409). */
    synchronized boolean attach(Transport candidate) {
        if (transport != null || isClosed()) {
            return false;
        }
        transport = candidate;
        attachedAt = clock.millis();
        lastReceived = attachedAt;
        return true;
    }

    Transport transport() {
        return transport;
    }

    /** Text from the client, in order: records are parsed and acted upon as they complete. */
    public void receive(CharSequence text) {
        lastReceived = clock.millis();
        inbound.receive(text);
    }

    /** Starts an HTTP send (POST); false while another one is in progress (the spec answers that with 409). */
    synchronized boolean beginSend() {
        if (sending) {
            return false;
        }
        sending = true;
        return true;
    }

    synchronized void endSend() {
        sending = false;
    }

    /** Why the client's input was refused (protocol error, oversize message), or null. */
    String protocolFailure() {
        return inbound.failure();
    }

    /** Called by the inbound side once the handshake succeeded: from now on hub messages may flow. */
    void handshakeCompleted() {
        handshakeDone = true;
        definition.hub().add(this);
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Queues a complete protocol frame; false when the connection is closed or overflowed. */
    boolean sendFrame(String frame) {
        return offer(Message.of(FRAME, frame));
    }

    /**
     * Queues an invocation of the client handler {@code target} with {@code argumentsJson} (a JSON array) as its
     * arguments, outside any list's version sequence: what a backend sends through the publish API.
     *
     * @return false when the connection is closed or was just closed as a slow consumer
     */
    public boolean invoke(String target, String argumentsJson) {
        return sendFrame(HubFrames.invocationWithArguments(target, argumentsJson));
    }

    /**
     * Queues an invocation of {@code keepAlive} per subscription (joined list), its argument the subscription's
     * keep-alive JSON with the version delivered completely to it ({@link Subscription#keepAlive()}), or one
     * with {@code {}} when none is joined: the Pings of the protocol never reach the application's code, this
     * does, so the app can show how fresh it is and confirm its writes. Only on hubs that ask for it
     * ({@link HubDefinition#sendKeepAlives()}).
     */
    void sendKeepAlives() {
        if (!handshakeDone || !definition.sendsKeepAlives()) {
            return;
        }
        if (subscriptions.isEmpty()) {
            sendFrame(HubFrames.invocation(Message.KEEP_ALIVE_EVENT, "{}"));
            return;
        }
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.isClosed()) {
                sendFrame(HubFrames.invocation(Message.KEEP_ALIVE_EVENT, subscription.keepAlive().json()));
            }
        }
    }

    /** Sends a Close message with {@code error}, then closes once everything before it has been written. */
    public void closeWithError(String error, boolean allowReconnect) {
        if (transport != null && handshakeDone && sendFrame(HubFrames.close(error, allowReconnect))) {
            finish(error);
        } else {
            close(error);
        }
    }

    /** A Close message with {@code allowReconnect}: the official client reconnects (with automatic reconnect on). */
    @Override
    public void shutdown() {
        closeWithError(Hub.SHUTTING_DOWN, true);
    }

    /** The subscription named {@code key}, replacing (closing) an earlier one of the same name. */
    Subscription subscribe(String key) {
        Subscription subscription = new Subscription(this);
        // A subscription may end before its connection (unsubscribed, replaced): it then leaves its groups.
        subscription.onClose(() -> definition.hub().remove(subscription));
        Subscription previous = subscriptions.put(key, subscription);
        if (previous != null) {
            previous.close();
        }
        if (isClosed()) {
            subscription.close();
        }
        return subscription;
    }

    boolean unsubscribe(String key) {
        Subscription subscription = subscriptions.remove(key);
        if (subscription != null) {
            subscription.close();
        }
        return subscription != null;
    }

    /**
     * Ends this connection at {@code expires} (null: no limit), or earlier if an earlier time was given
     * before: a connection opened with an access token lasts no longer than the token.
     */
    void expireBy(Instant expires) {
        if (expires != null) {
            synchronized (this) {
                expiresAt = Math.min(expiresAt, expires.toEpochMilli());
            }
        }
    }

    /** When this connection's access token expires, in epoch milliseconds; {@link Long#MAX_VALUE} when it has none. */
    long expiresAt() {
        return expiresAt;
    }

    long createdAt() {
        return createdAt;
    }

    long attachedAt() {
        return attachedAt;
    }

    long lastReceived() {
        return lastReceived;
    }

    long lastSent() {
        return lastSent;
    }

    @Override
    protected void transmit(Message message, Consumer<Throwable> done) {
        write(message.encoded(RECORD), done);
    }

    @Override
    protected void transmitAll(List<Message> messages, Consumer<Throwable> done) {
        StringBuilder records = new StringBuilder();
        for (Message message : messages) {
            records.append(message.encoded(RECORD));
        }
        write(records.toString(), done);
    }

    private void write(String records, Consumer<Throwable> done) {
        Transport current = transport;
        if (current == null) {
            done.accept(new IllegalStateException("No transport bound yet"));
            return;
        }
        lastSent = clock.millis();
        current.write(records, done);
    }

    /** Hub messages to the user reach every SignalR connection they hold. */
    @Override
    protected boolean addressableByUser() {
        return true;
    }

    /** A SignalR connection carries other lists too: only the revoked subscription ends. */
    @Override
    protected void revoked(Subscription revoked) {
        revoked.close();
    }

    @Override
    protected void disconnect(String reason) {
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
        Transport current = transport;
        if (current != null) {
            current.end(reason);
        }
    }
}
