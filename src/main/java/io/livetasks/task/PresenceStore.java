package io.livetasks.task;

import java.time.Duration;

/**
 * The shared record of who views which list through which server instance ({@code list_presence}) and of
 * which instances are alive ({@code instance_heartbeat}). Every method is one short transaction; failures are
 * {@link DataAccessException}s.
 */
public interface PresenceStore {

    /** Records that {@code instance} holds a stream of the list for the user (nothing when it is recorded already). */
    void add(long listId, String user, String instance);

    /** Records that it holds none any more. */
    void remove(long listId, String user, String instance);

    /** The list's viewers now, with the version they are at least as new as. */
    Presence viewers(long listId);

    /**
     * Marks {@code instance} alive now.
     *
     * @return false when it had no heartbeat any more (another instance took it for gone and deleted its
     *         presence rows): the caller must write its rows again
     */
    boolean heartbeat(String instance);

    /**
     * Deletes the presence rows of every instance whose heartbeat is older than {@code ttl} (or gone), then
     * those heartbeats.
     *
     * @return how many presence rows were deleted
     */
    int expire(Duration ttl);

    /** Deletes the instance's presence rows and heartbeat (it starts afresh, or stops). */
    void forget(String instance);

    /** How many presence rows there are, on all instances. */
    long count();
}
