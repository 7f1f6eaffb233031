package io.livetasks.task;

import java.util.Set;

/**
 * What a conditional write of a task requires of its current row ({@code If-Match} in HTTP terms): that its
 * row version is one of {@link #rowVersions()}. {@link #NONE} requires nothing but that the task exists: the
 * last writer wins. The check and the write are one statement in the store, never a read and then a write.
 *
 * @param rowVersions the acceptable row versions; {@code null} for {@link #NONE}
 */
public record Precondition(Set<String> rowVersions) {

    /** Unconditional (no {@code If-Match}, or {@code If-Match: *}). */
    public static final Precondition NONE = new Precondition(null);

    public Precondition {
        rowVersions = rowVersions == null ? null : Set.copyOf(rowVersions);
    }

    /** Requires one of the given row versions. */
    public static Precondition oneOf(Set<String> rowVersions) {
        return new Precondition(rowVersions);
    }

    public boolean isConditional() {
        return rowVersions != null;
    }
}
