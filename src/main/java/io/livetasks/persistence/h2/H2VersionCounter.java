package io.livetasks.persistence.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The version of the writer's transaction, for the emulation's triggers: one counter row
 * ({@code ct_version}) for the whole database, as SQL Server's change-tracking version is database-wide.
 * <ul>
 *   <li>The first row a transaction changes increments the counter; the row lock that update takes is
 *       held until commit, so a concurrent writer waits and always ends up with a higher version that
 *       becomes visible later: versions follow commit order. (A sequence would not: a transaction could
 *       take a lower number and commit after a reader had moved past it.)</li>
 *   <li>Later rows of the same transaction, in any tracked table, find their transaction's name in
 *       {@code ct_version.tx} and reuse the version, so one transaction has one version. The name is
 *       {@code TRANSACTION_ID()}, which restarts when the database reopens, prefixed with a random value
 *       made anew whenever H2 initialises a tracking trigger (which it does for every trigger each time
 *       the database opens), so a new transaction never matches an old one.</li>
 * </ul>
 * A new version is also above the min valid version ({@code ct_min_valid}): as on SQL Server, where a last
 * sync version at min valid is valid, no change a reader needs may carry a version at or below it, even
 * when min valid was raised above the current version.
 * The prefix is shared by all triggers (a static field): the task trigger and the key trigger must name
 * one transaction alike, or a transaction writing both tables would take two versions. The price: a
 * trigger initialised while another transaction is open (a migration creating a trigger, another
 * database opening in the same JVM) gives that transaction's later rows a second, higher version; both
 * still become visible together at its commit, so readers miss nothing.
 * Loaded by H2 with the triggers: may depend only on {@code java.*}.
 */
final class H2VersionCounter {

    private static final String NEXT_VERSION = """
            SELECT v FROM FINAL TABLE (
                UPDATE ct_version
                   SET v = CASE WHEN tx = CONCAT(?, TRANSACTION_ID()) THEN v
                                ELSE GREATEST(v, (SELECT m.v FROM ct_min_valid m WHERE m.id = 1)) + 1 END,
                       tx = CONCAT(?, TRANSACTION_ID())
                 WHERE id = 1)
            """;

    private static volatile String transactionPrefix = newPrefix();

    /** Called from each trigger's {@code init}: the database (re)opened, or a trigger was created. */
    static void databaseOpened() {
        transactionPrefix = newPrefix();
    }

    private static String newPrefix() {
        return UUID.randomUUID() + ":";
    }

    long next(Connection connection) throws SQLException {
        String prefix = transactionPrefix;
        try (PreparedStatement statement = connection.prepareStatement(NEXT_VERSION)) {
            statement.setString(1, prefix);
            statement.setString(2, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("Change tracking counter row ct_version(id = 1) is missing");
                }
                return rows.getLong(1);
            }
        }
    }
}
