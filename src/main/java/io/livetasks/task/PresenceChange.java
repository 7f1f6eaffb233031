package io.livetasks.task;

/**
 * A change of one row of {@code list_presence}: an instance of the server began ({@code present}) or stopped
 * holding a stream of the list for the user. It says nothing of the list's viewers as a whole (the user may
 * still view it through another instance): whoever pushes presence reads the viewers afresh.
 */
public record PresenceChange(long listId, String user, String instanceId, boolean present) implements ListChange {
}
