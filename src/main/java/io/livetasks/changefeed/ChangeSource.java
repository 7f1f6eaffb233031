package io.livetasks.changefeed;

import java.sql.SQLException;

/**
 * The change-tracking contract each database implements (SQL Server natively with {@code CHANGETABLE},
 * H2 by an emulation inside the database). Implementations live in {@code dialect/<name>}.
 *
 * <p>Guarantees every implementation keeps, checked by the dialect contract tests:
 * <ul>
 *   <li>changes made by any writer (the API, plain SQL on another connection) are recorded by the database;</li>
 *   <li>versions follow commit order: once a version has been read, no transaction can later become
 *       visible with a lower or equal version;</li>
 *   <li>all rows changed by one transaction share one version;</li>
 *   <li>retention cleanup raises the min valid version, and asking for changes below it fails with
 *       {@link VersionTooOldException} rather than silently skipping what was cleaned up.</li>
 * </ul>
 *
 * @param <T> the payload type of the changes
 */
public interface ChangeSource<T> {

    /**
     * Reads the net changes after {@code afterVersion}, up to the current version, in one snapshot.
     *
     * @throws VersionTooOldException when {@code afterVersion} is below the min valid version
     * @throws VersionAheadException  when {@code afterVersion} is above the current version (the database was
     *                                reset or restored, or the cursor is from another database)
     */
    ChangeBatch<T> changesSince(long afterVersion) throws SQLException;

    /** The version of the last committed change (0 when nothing was ever changed). */
    long currentVersion() throws SQLException;

    /** The lowest version from which {@link #changesSince(long)} still answers. */
    long minValidVersion() throws SQLException;
}
