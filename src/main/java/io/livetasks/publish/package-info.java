/**
 * The publish API: a backend sends to a hub's clients (everyone, a group, a user, a connection) and manages
 * groups through the Azure SignalR Service data-plane REST API, authorized with an access key. Requests
 * become commands in a change-tracked outbox table, which every instance polls and applies to the
 * connections it holds (see docs/publish-api.md). Uses {@code push} to deliver and {@code changefeed} to
 * poll; its outbox port is implemented in {@code persistence}.
 */
package io.livetasks.publish;
