package io.livetasks.changefeed;

import java.util.Objects;

/**
 * One row's net change at a change-tracking version: what the row is now (or that it is gone).
 * All rows changed by one transaction share its version.
 *
 * @param version the change-tracking version of the transaction that made the change
 * @param payload what changed, in the terms of the module that owns the rows
 * @param <T> the payload type, owned by the application module (the change feed knows nothing about it)
 */
public record Change<T>(Version version, T payload) {

    public Change {
        Objects.requireNonNull(version, "version");
        if (version.equals(Version.ZERO)) {
            throw new IllegalArgumentException("A change has a version after zero");
        }
        Objects.requireNonNull(payload, "payload");
    }
}
