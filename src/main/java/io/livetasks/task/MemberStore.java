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
    boolean share(long listId, String user, Role role);

    /** @return false when the user was no member */
    boolean unshare(long listId, String user);
}
