/**
 * Pushing to clients, transport-neutral and knowing nothing about tasks. A {@link io.livetasks.push.Connection}
 * is one client; its {@link io.livetasks.push.Outbox} paces what is written (bounded, one send in flight,
 * slow consumers closed, replays exempt). A {@link io.livetasks.push.Subscription} is one versioned stream to
 * a connection: a {@link io.livetasks.push.VersionCursor} that skips what was already delivered, in front of
 * the connection's outbox. {@link io.livetasks.push.Hub} groups subscriptions and reaches everyone, a group or
 * a user (the SignalR hub model). Transports are thin adapters in sub-packages.
 */
package io.livetasks.push;
