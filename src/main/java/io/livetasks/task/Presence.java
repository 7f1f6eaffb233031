package io.livetasks.task;

import java.util.List;

/**
 * Who is viewing a list, read in one snapshot: what {@code GET /api/lists/{id}/presence} answers and what the
 * {@code presence} event carries.
 *
 * @param version the change-tracking version read before the viewers: every presence change up to it is
 *                reflected (later ones may be too); a client keeps the state with the highest version
 * @param viewers by user name, each user once
 */
public record Presence(long listId, List<Viewer> viewers, long version) {

    public Presence {
        viewers = List.copyOf(viewers);
    }
}
