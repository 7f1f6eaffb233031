package io.livetasks.task;

import java.util.List;

/**
 * Who is viewing a list, read in one snapshot: what {@code GET /api/lists/{id}/presence} answers and what the
 * {@code presence} event carries.
 *
 * @param viewers by user name, each user once
 * @param asOf    the change-tracking version read before the viewers: every presence change up to it is
 *                reflected (later ones may be too); a client keeps the state with the highest {@code asOf}. Not
 *                named {@code version} on purpose: it is no resume cursor and not ordered with task events
 */
public record Presence(long listId, List<Viewer> viewers, long asOf) {

    public Presence {
        viewers = List.copyOf(viewers);
    }
}
