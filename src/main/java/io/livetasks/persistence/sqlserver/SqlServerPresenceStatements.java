package io.livetasks.persistence.sqlserver;

import io.livetasks.persistence.PresenceStatements;

/** Presence on SQL Server: {@code dbo.list_presence} (change-tracked natively) and {@code dbo.instance_heartbeat}. */
public final class SqlServerPresenceStatements implements PresenceStatements {

    /** A second insert of the same key (a retried flush) inserts nothing, so it records no change either. */
    private static final String INSERT_VIEWER = """
            INSERT INTO dbo.list_presence (list_id, user_name, instance_id, since)
            SELECT ?, ?, ?, SYSUTCDATETIME()
             WHERE NOT EXISTS (SELECT 1 FROM dbo.list_presence WHERE list_id = ? AND user_name = ? AND instance_id = ?)
            """;

    private static final String DELETE_VIEWER = """
            DELETE FROM dbo.list_presence WHERE list_id = ? AND user_name = ? AND instance_id = ?
            """;

    /** A user viewing from several instances (or browsers on several instances) is one viewer. */
    private static final String SELECT_VIEWERS = """
            SELECT user_name, MIN(since) AS since
              FROM dbo.list_presence
             WHERE list_id = ?
             GROUP BY user_name
             ORDER BY user_name
            """;

    private static final String UPDATE_HEARTBEAT = """
            UPDATE dbo.instance_heartbeat SET heartbeat_at = SYSUTCDATETIME() WHERE instance_id = ?
            """;

    private static final String INSERT_HEARTBEAT = """
            INSERT INTO dbo.instance_heartbeat (instance_id, heartbeat_at) VALUES (?, SYSUTCDATETIME())
            """;

    /** DATEADD takes an int: the TTL is bound as one (milliseconds, up to about 24 days). */
    private static final String DELETE_EXPIRED_VIEWERS = """
            DELETE p FROM dbo.list_presence AS p
             WHERE NOT EXISTS (SELECT 1 FROM dbo.instance_heartbeat AS h
                                WHERE h.instance_id = p.instance_id
                                  AND h.heartbeat_at >= DATEADD(MILLISECOND, -?, SYSUTCDATETIME()))
            """;

    private static final String DELETE_EXPIRED_HEARTBEATS = """
            DELETE FROM dbo.instance_heartbeat WHERE heartbeat_at < DATEADD(MILLISECOND, -?, SYSUTCDATETIME())
            """;

    private static final String DELETE_INSTANCE_VIEWERS = """
            DELETE FROM dbo.list_presence WHERE instance_id = ?
            """;

    private static final String DELETE_HEARTBEAT = """
            DELETE FROM dbo.instance_heartbeat WHERE instance_id = ?
            """;

    private static final String COUNT_VIEWERS = """
            SELECT COUNT(*) FROM dbo.list_presence
            """;

    @Override
    public String dialect() {
        return SqlServerDialect.NAME;
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
