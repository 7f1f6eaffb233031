package io.livetasks.persistence;

/**
 * The presence statements ({@code V13__create_list_presence.sql}, {@code V14__create_instance_heartbeat.sql})
 * in one dialect. Times are the database's own UTC clock, so that instances with skewed clocks agree on
 * which heartbeat is old.
 */
public interface PresenceStatements extends DialectStatements {

    /** (list_id, user_name, instance_id, list_id, user_name, instance_id) → inserts the row unless it exists. */
    String insertViewer();

    /** (list_id, user_name, instance_id) → deletes the row. */
    String deleteViewer();

    /** (list_id) → {@code user_name}, {@code since} (the earliest of the user's rows), one row per user, by name. */
    String selectViewers();

    /** (instance_id) → updates the instance's heartbeat to now; 0 rows when it has none (any more). */
    String updateHeartbeat();

    /** (instance_id) → inserts the instance's heartbeat, now. */
    String insertHeartbeat();

    /**
     * (ttlMillis) → deletes the presence rows of every instance without a heartbeat newer than that: a stopped
     * or cut-off instance's viewers, and rows whose heartbeat was already deleted.
     */
    String deleteExpiredViewers();

    /** (ttlMillis) → deletes the heartbeats older than that. */
    String deleteExpiredHeartbeats();

    /** (instance_id) → deletes the instance's presence rows (at start-up and when it stops). */
    String deleteInstanceViewers();

    /** (instance_id) → deletes the instance's heartbeat. */
    String deleteHeartbeat();

    /** () → one row, one column: how many presence rows there are (all instances). */
    String countViewers();
}
