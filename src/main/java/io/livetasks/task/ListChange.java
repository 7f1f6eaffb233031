package io.livetasks.task;

/**
 * A change to something that belongs to one list, read from a change-tracked table: a task
 * ({@link TaskChange}), a membership ({@link MemberChange}) or a viewer ({@link PresenceChange}). The list is the partition key of the change
 * feed: a client resuming one list reads only that list's changes.
 */
public sealed interface ListChange permits TaskChange, MemberChange, PresenceChange {

    long listId();
}
