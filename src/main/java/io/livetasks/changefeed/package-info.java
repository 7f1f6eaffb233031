/**
 * The change feed, database-agnostic: the {@link io.livetasks.changefeed.Version} every change carries (the
 * cursor everywhere), the {@link io.livetasks.changefeed.ChangeSource} SPI over every tracked table
 * (implemented in {@code persistence}, partitioned by one key so that a resume reads one partition), one
 * {@link io.livetasks.changefeed.ChangePoller} per server instance reading it once per tick, and the
 * {@link io.livetasks.changefeed.ChangeFeed} that keeps recent changes in a
 * {@link io.livetasks.changefeed.ChangeLog} and hands subscribers from replay to live without gap or overlap.
 * Knows nothing about tasks, transports or SQL.
 */
package io.livetasks.changefeed;
