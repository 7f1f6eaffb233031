package io.livetasks.changefeed;

import java.sql.SQLException;

/**
 * The change-tracking contract of a database (SQL Server natively with {@code CHANGETABLE}, H2 by an
 * emulation inside the database), over every tracked table at once. Implementations live in
 * {@code persistence}, composed from one reader per tracked table.
 *
 * <p>Every tracked table is partitioned by one {@code long} key (in livetasks: the list id), so that a
 * client resuming one partition reads only that partition's changes, filtered in SQL.
 *
 * <p>Guarantees every implementation keeps, checked by the dialect contract tests:
 * <ul>
 *   <li>changes made by any writer (the API, plain SQL on another connection) are recorded by the database;</li>
 *   <li>versions follow commit order: once a version has been read, no transaction can later become
 *       visible with a lower or equal version;</li>
 *   <li>all rows changed by one transaction share one version, whichever tables they are in;</li>
 *   <li>retention cleanup raises the min valid version, and asking for changes below it fails with
 *       {@link VersionTooOldException} rather than silently skipping what was cleaned up.</li>
 * </ul>
 *
 * @param <T> the payload type of the changes
 */
public interface ChangeSource<T> {

    /**
     * Reads the net changes of every partition after {@code afterVersion}, up to the current version, in
     * one snapshot.
     *
     * @throws VersionTooOldException when {@code afterVersion} is below the min valid version
     * @throws VersionAheadException  when {@code afterVersion} is above the current version (the database was
     *                                reset or restored, or the cursor is from another database)
     */
    ChangeBatch<T> changesSince(Version afterVersion) throws SQLException;

    /** As {@link #changesSince(Version)}, for one partition only (a resume of one list). */
    ChangeBatch<T> changesSince(Version afterVersion, long key) throws SQLException;

    /**
     * As {@link #changesSince(Version, long)}, reading at most about {@code maxChanges} changes.
     * Implementations should stop reading there (this default reads all, then checks).
     *
     * @throws ReplayTooLargeException when there are more than {@code maxChanges}
     */
    default ChangeBatch<T> changesSince(Version afterVersion, long key, int maxChanges) throws SQLException {
        ChangeBatch<T> batch = changesSince(afterVersion, key);
        if (batch.changes().size() > maxChanges) {
            throw new ReplayTooLargeException(afterVersion, maxChanges);
        }
        return batch;
    }

    /** The version of the last committed change ({@link Version#ZERO} when nothing was ever changed). */
    Version currentVersion() throws SQLException;

    /** The lowest version from which {@link #changesSince(Version)} still answers. */
    Version minValidVersion() throws SQLException;
}
