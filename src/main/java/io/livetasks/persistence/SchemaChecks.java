package io.livetasks.persistence;

/**
 * The queries with which {@link SchemaCheck} verifies, in one dialect, that the database is ready for the
 * application when it does not migrate it itself ({@code livetasks.db.migrate=validate}). Each answers one
 * row, one column: {@code 1} for yes, {@code 0} or NULL for no.
 */
public interface SchemaChecks extends DialectStatements {

    /** () → whether snapshot isolation is allowed in the database (the change reads need it). */
    String selectSnapshotIsolationOn();

    /** () → whether change tracking is on for the database. */
    String selectChangeTrackingOn();

    /** (table) → whether the table is change-tracked. */
    String selectTableTracked();

    /** (table) → whether the table exists and the current login may see it. */
    String selectTableVisible();

    /** (table, permission) → whether the current login has that permission on the table. */
    String selectPermission();
}
