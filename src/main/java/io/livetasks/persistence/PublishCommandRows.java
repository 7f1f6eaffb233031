package io.livetasks.persistence;

import io.livetasks.publish.PublishCommand;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the rows of the {@code publish_outbox} table's change queries (see {@link TableChanges#selectChanges()}):
 * besides the common columns, the row itself ({@code hub}, {@code action}, {@code group_name},
 * {@code recipient}, {@code message}). The queries return inserted rows only, joined to the current row: a
 * row deleted by the cleanup has nothing left to deliver. The outbox has no partition: {@code list_id} is 0.
 */
final class PublishCommandRows {

    private PublishCommandRows() {
    }

    static PublishCommand payload(ResultSet rows) throws SQLException {
        try {
            return new PublishCommand(rows.getString("hub"), PublishCommand.Action.of(rows.getString("action")),
                    rows.getString("group_name"), rows.getString("recipient"), rows.getString("message"));
        } catch (IllegalArgumentException e) {
            throw new SQLException("Outbox row " + rows.getLong("id") + ": " + e.getMessage(), e);
        }
    }
}
