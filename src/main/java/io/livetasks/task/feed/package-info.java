/**
 * From changes to pushes: the change feed's life in the server ({@link io.livetasks.task.feed.TaskFeed}),
 * joining a connection to a list from a resume version ({@link io.livetasks.task.feed.ListSubscriptions}),
 * fan-out to the group of each list ({@link io.livetasks.task.feed.ListPublisher}) with the event JSON of
 * each hub target ({@link io.livetasks.task.feed.ListMessages}: {@code taskUpdate}, {@code memberUpdate},
 * {@code resync}), and the per-list push endpoints: SSE ({@link io.livetasks.task.feed.ListEventsEndpoint}),
 * WebSocket ({@link io.livetasks.task.feed.ListSocket}), the SignalR hub methods
 * ({@link io.livetasks.task.feed.TaskHub}) and negotiate; readiness and metrics of the feed. Presence: which
 * lists this instance's streams view ({@link io.livetasks.task.feed.PresenceTracker}, rows in the shared database
 * with a heartbeat) and the {@code presence} state pushed to a list's listeners
 * ({@link io.livetasks.task.feed.PresenceBroadcaster}).
 */
package io.livetasks.task.feed;
