package io.livetasks.persistence;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.Version;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One change-tracked table as the change source reads it: the dialect's queries and the mapping of
 * their rows to change payloads.
 *
 * @param <T> the payload type of its changes
 */
public record TrackedTable<T>(TableChanges sql, Rows<T> rows) {

    /** Turns one row of {@link TableChanges#selectChanges()} into a change payload. */
    @FunctionalInterface
    public interface Rows<T> {
        T payload(ResultSet rows) throws SQLException;
    }

    /** The table's reader for {@code dialect}, found among the discovered {@link TableChanges}. */
    public static <T> TrackedTable<T> of(String table, Dialect dialect, Rows<T> rows) {
        TableChanges sql = DialectStatements.all(TableChanges.class, dialect).stream()
                .filter(changes -> changes.table().equals(table))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No change queries for table " + table + " in dialect " + dialect.name()));
        return new TrackedTable<>(sql, rows);
    }

    Change<T> change(ResultSet rows) throws SQLException {
        return new Change<>(Version.of(rows.getLong("version")), this.rows.payload(rows));
    }
}
