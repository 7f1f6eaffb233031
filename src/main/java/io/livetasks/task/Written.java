package io.livetasks.task;

/**
 * The result of a committed write and the change-tracking version of its commit, or a safe stand-in: once a
 * stream has delivered every change up to {@code changeVersion}, the write is reflected in it. Never lower than
 * the version the change feed reports for the write (a stand-in may be higher: waiting a little longer is safe,
 * missing the write is not).
 */
public record Written<T>(T value, long changeVersion) {
}
