/**
 * H2, the embedded default database, with SQL Server's change-tracking contract emulated inside it:
 * a row trigger ({@link io.livetasks.persistence.h2.H2ChangeTrigger}) records every change to {@code task} with
 * a version that follows commit order, and {@link io.livetasks.persistence.h2.H2ChangeSource} reads net changes
 * and enforces a retention window. See {@code docs/database.md} for the design and its limits.
 */
package io.livetasks.persistence.h2;
