/**
 * The change feed, database-agnostic: a {@link io.livetasks.changefeed.ChangeSource} per database (the SPI that
 * {@code dialect/*} implements), one {@link io.livetasks.changefeed.ChangePoller} per server instance reading
 * it once per tick, and the {@link io.livetasks.changefeed.ChangeFeed} that keeps recent changes in a
 * {@link io.livetasks.changefeed.ChangeLog} and hands subscribers from replay to live without gap or overlap.
 * The version is the cursor everywhere. Knows nothing about tasks.
 */
package io.livetasks.changefeed;
