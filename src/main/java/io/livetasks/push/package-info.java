/**
 * Pushing to clients: connections with bounded outbound queues, groups and users, and sends to all, a group
 * or a user (the SignalR hub model). Transports are thin adapters in sub-packages. Knows nothing about tasks.
 */
package io.livetasks.push;
