package io.livetasks.changefeed;

import java.util.Comparator;
import java.util.List;

/**
 * The net changes after one version up to and including another, read in one consistent snapshot.
 * Every version in {@code (afterVersion, toVersion]} is complete: all rows a transaction changed are here
 * or none are (when a later change to the same row superseded them, as change tracking coalesces).
 *
 * @param afterVersion the exclusive lower bound that was asked for
 * @param toVersion    the database's current version when the snapshot was read; the next read starts here
 * @param changes      the changes, in ascending version order (rows of one version keep the order given)
 * @param partial      true when the read stopped at a page boundary below the database's current version
 *                     ({@code toVersion} is then the last whole version read): read again from {@code toVersion}
 */
public record ChangeBatch<T>(Version afterVersion, Version toVersion, List<Change<T>> changes, boolean partial) {

    /** A complete batch: everything up to the database's current version. */
    public ChangeBatch(Version afterVersion, Version toVersion, List<Change<T>> changes) {
        this(afterVersion, toVersion, changes, false);
    }

    public ChangeBatch {
        if (toVersion.isBefore(afterVersion)) {
            throw new IllegalArgumentException("toVersion " + toVersion + " < afterVersion " + afterVersion);
        }
        changes = changes.stream().sorted(Comparator.comparing(Change::version)).toList();
        for (Change<T> change : changes) {
            if (!change.version().isAfter(afterVersion) || change.version().isAfter(toVersion)) {
                throw new IllegalArgumentException(
                        "change at version " + change.version() + " outside (" + afterVersion + ", " + toVersion + "]");
            }
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
