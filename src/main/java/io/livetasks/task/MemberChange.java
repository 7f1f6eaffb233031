package io.livetasks.task;

/**
 * What a change event says about one membership of a list ({@code list_member}): who, and the role they
 * have now ({@code role} is {@code null} when removed).
 *
 * @param action one of {@link #ADDED}, {@link #UPDATED} (the role changed), {@link #REMOVED}
 * @param role   {@code owner}, {@code writer} or {@code reader}
 */
public record MemberChange(String action, long listId, String user, String role) implements ListChange {

    public static final String ADDED = "added";
    public static final String UPDATED = "updated";
    public static final String REMOVED = "removed";

    /** The member may no longer see the list from this change on. */
    public boolean isRemoval() {
        return REMOVED.equals(action);
    }
}
