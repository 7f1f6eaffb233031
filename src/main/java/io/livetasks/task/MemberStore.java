package io.livetasks.task;

import java.util.List;
import java.util.Optional;

/**
 * Who may see which list ({@code list_member}, change-tracked: a membership written with plain SQL counts
 * like one made through the API). Each method is one short transaction.
 */
public interface MemberStore {

    /** The list's members, owner first, then by name. */
    List<Member> members(long listId);

    /** The user's role in the list; empty when they may not see it (or it does not exist). */
    Optional<Role> role(long listId, String user);

    /** Adds the user as a member, or changes their role. @return false when they already had that role */
    default boolean share(long listId, String user, Role role) {
        return share(listId, user, role, Recording.none()).value();
    }

    /**
     * As {@link #share(long, String, Role)}, recording the key in the same transaction (also when nothing
     * changed: the answer is the same).
     *
     * @throws IdempotencyKeyInUseException when the key is taken
     */
    Written<Boolean> share(long listId, String user, Role role, Recording<Boolean> recording);

    /** @return false when the user was no member */
    default boolean unshare(long listId, String user) {
        try {
            unshare(listId, user, Recording.none());
            return true;
        } catch (MemberNotFoundException e) {
            return false;
        }
    }

    /**
     * Removes the user from the list, recording the key in the same transaction.
     *
     * @throws MemberNotFoundException      when the user was no member (nothing recorded)
     * @throws IdempotencyKeyInUseException when the key is taken
     */
    Written<Boolean> unshare(long listId, String user, Recording<Boolean> recording);
}
