package io.livetasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may do what with a list, checked on every path (REST, every stream, every resume): a user who is no
 * member of a list is told it does not exist ({@code 404}, its existence is not revealed); a member whose
 * role does not allow the action gets {@code 403}.
 */
@ApplicationScoped
public class ListAccess {

    private final MemberStore members;

    @Inject
    public ListAccess(MemberStore members) {
        this.members = members;
    }

    /** For the CDI proxy only. */
    protected ListAccess() {
        this(null);
    }

    /** @throws ListNotFoundException when the user may not see the list (or it does not exist) */
    public Role requireMember(long listId, String user) {
        return members.role(listId, user).orElseThrow(() -> new ListNotFoundException(listId));
    }

    /**
     * @throws ListNotFoundException  when the user may not see the list
     * @throws AccessDeniedException  when they may see it but only read it
     */
    public Role requireWriter(long listId, String user) {
        Role role = requireMember(listId, user);
        if (!role.mayWrite()) {
            throw new AccessDeniedException("List " + listId + " is shared with you for reading only");
        }
        return role;
    }

    /**
     * @throws ListNotFoundException  when the user may not see the list
     * @throws AccessDeniedException  when they are not its owner
     */
    public void requireOwner(long listId, String user) {
        if (requireMember(listId, user) != Role.OWNER) {
            throw new AccessDeniedException("Only the owner of list " + listId + " manages its members");
        }
    }
}
