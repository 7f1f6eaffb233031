package io.livetasks.persistence.h2;

import io.livetasks.persistence.PresenceStatements;

/** Presence on H2: {@code list_presence} (tracked by {@link H2KeyChangeTrigger}) and {@code instance_heartbeat}. */
public final class H2PresenceStatements implements PresenceStatements {

    /** The database's UTC wall-clock time, as the other tables store it. */
    private static final String NOW_UTC = "CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3))";

    /** A second insert of the same key (a retried flush) inserts nothing, so it records no change either. */
    private static final String INSERT_VIEWER = """
            INSERT INTO list_presence (list_id, user_name, instance_id, since)
            SELECT ?, ?, ?, %s FROM (VALUES (1)) AS one (x)
             WHERE NOT EXISTS (SELECT 1 FROM list_presence WHERE list_id = ? AND user_name = ? AND instance_id = ?)
            """.formatted(NOW_UTC);

    private static final String DELETE_VIEWER = """
            DELETE FROM list_presence WHERE list_id = ? AND user_name = ? AND instance_id = ?
            """;

    /** A user viewing from several instances (or browsers on several instances) is one viewer. */
    private static final String SELECT_VIEWERS = """
            SELECT user_name, MIN(since) AS since
              FROM list_presence
             WHERE list_id = ?
             GROUP BY user_name
             ORDER BY user_name
            """;

    private static final String UPDATE_HEARTBEAT = """
            UPDATE instance_heartbeat SET heartbeat_at = CURRENT_TIMESTAMP WHERE instance_id = ?
            """;

    private static final String INSERT_HEARTBEAT = """
            INSERT INTO instance_heartbeat (instance_id, heartbeat_at) VALUES (?, CURRENT_TIMESTAMP)
            """;

    private static final String DELETE_EXPIRED_VIEWERS = """
            DELETE FROM list_presence p
             WHERE NOT EXISTS (SELECT 1 FROM instance_heartbeat h
                                WHERE h.instance_id = p.instance_id
                                  AND h.heartbeat_at >= DATEADD(MILLISECOND, -?, CURRENT_TIMESTAMP))
            """;

    private static final String DELETE_EXPIRED_HEARTBEATS = """
            DELETE FROM instance_heartbeat WHERE heartbeat_at < DATEADD(MILLISECOND, -?, CURRENT_TIMESTAMP)
            """;

    private static final String DELETE_INSTANCE_VIEWERS = """
            DELETE FROM list_presence WHERE instance_id = ?
            """;

    private static final String DELETE_HEARTBEAT = """
            DELETE FROM instance_heartbeat WHERE instance_id = ?
            """;

    private static final String COUNT_VIEWERS = """
            SELECT COUNT(*) FROM list_presence
            """;

    @Override
    public String dialect() {
        return H2Dialect.NAME;
    }

    @Override
    public String insertViewer() {
        return INSERT_VIEWER;
    }

    @Override
    public String deleteViewer() {
        return DELETE_VIEWER;
    }

    @Override
    public String selectViewers() {
        return SELECT_VIEWERS;
    }

    @Override
    public String updateHeartbeat() {
        return UPDATE_HEARTBEAT;
    }

    @Override
    public String insertHeartbeat() {
        return INSERT_HEARTBEAT;
    }

    @Override
    public String deleteExpiredViewers() {
        return DELETE_EXPIRED_VIEWERS;
    }

    @Override
    public String deleteExpiredHeartbeats() {
        return DELETE_EXPIRED_HEARTBEATS;
    }

    @Override
    public String deleteInstanceViewers() {
        return DELETE_INSTANCE_VIEWERS;
    }

    @Override
    public String deleteHeartbeat() {
        return DELETE_HEARTBEAT;
    }

    @Override
    public String countViewers() {
        return COUNT_VIEWERS;
    }
}
