package io.livetasks.push.signalr;

import io.livetasks.push.Connection;
import io.livetasks.push.Message;
import java.util.function.Consumer;

/**
 * One subscription of a SignalR connection (e.g. to one task list) with its own version cursor.
 *
 * <p>Why: a {@link Connection} keeps one version cursor, which suits a plain stream of one list. A SignalR
 * connection joins several lists at different versions, and replaying list B from an old version must not
 * be suppressed because list A already delivered a newer one. So each subscription is a connection of
 * its own for the hub's groups and the change feed, and forwards what it accepts to the SignalR
 * connection without a version, where the real queue, framing and slow-consumer rule apply.
 */
final class Subscription extends Connection {

    private final SignalRConnection owner;

    Subscription(SignalRConnection owner, int queueCapacity) {
        super(owner.user(), queueCapacity);
        this.owner = owner;
    }

    @Override
    protected void transmit(Message message, Consumer<Throwable> done) {
        boolean accepted = owner.offer(Message.of(message.target(), message.json()));
        done.accept(accepted ? null : new IllegalStateException("SignalR connection closed"));
    }

    @Override
    protected void disconnect(String reason) {
        // Nothing of its own to end: the owner holds the transport.
    }
}
