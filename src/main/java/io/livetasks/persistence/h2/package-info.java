/**
 * H2, the embedded default database, with SQL Server's change-tracking contract emulated inside it:
 * row triggers ({@link io.livetasks.persistence.h2.H2ChangeTrigger} for {@code task},
 * {@link io.livetasks.persistence.h2.H2KeyChangeTrigger} for any other tracked table) record every change
 * with a version that follows commit order ({@link io.livetasks.persistence.h2.H2VersionCounter}); the
 * {@code H2*Changes} classes hold the queries that read net changes, and
 * {@link io.livetasks.persistence.h2.H2ChangeCleanup} enforces a retention window. Every SQL statement is a
 * named constant. See {@code docs/database.md} for the design and its limits.
 */
package io.livetasks.persistence.h2;
