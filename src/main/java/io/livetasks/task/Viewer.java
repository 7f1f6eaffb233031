package io.livetasks.task;

import java.time.Instant;

/**
 * Someone viewing a list right now: a user with at least one open stream of it on any instance.
 *
 * @param since when their earliest open stream of the list began (UTC)
 */
public record Viewer(String user, Instant since) {
}
