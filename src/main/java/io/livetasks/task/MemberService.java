package io.livetasks.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Sharing: every member sees who else is a member; the owner shares the list (as reader or writer) and
 * removes members. A removed member's open streams are revoked by the feed when the change arrives, the
 * same way whether it was made here or with plain SQL.
 */
@ApplicationScoped
public class MemberService {

    private final MemberStore members;
    private final ListAccess access;
    private final TaskEvents events;

    @Inject
    public MemberService(MemberStore members, ListAccess access, TaskEvents events) {
        this.members = members;
        this.access = access;
        this.events = events;
    }

    /** For the CDI proxy only. */
    protected MemberService() {
        this(null, null, null);
    }

    /** @throws ListNotFoundException when the caller may not see the list */
    public List<Member> members(long listId, String caller) {
        access.requireMember(listId, caller);
        return members.members(listId);
    }

    /**
     * Shares the list with {@code request.user()} as {@code request.role()}, or changes their role.
     *
     * @return the membership as it is now
     * @throws AccessDeniedException when the caller is not the owner
     * @throws ConflictException     when the user is the owner (whose role never changes)
     */
    public Member share(long listId, String caller, NewMember request) {
        return share(listId, caller, request, Recording.none()).value();
    }

    /** As {@link #share(long, String, NewMember)}, recording the key with the answer for the resulting membership. */
    public Written<Member> share(long listId, String caller, NewMember request, Recording<Member> recording) {
        access.requireOwner(listId, caller);
        String user = request.user().strip();
        Role role = Role.of(request.role());
        if (members.role(listId, user).orElse(null) == Role.OWNER) {
            throw new ConflictException(user + " owns list " + listId + "; the owner's role does not change");
        }
        Member member = new Member(user, role.value());
        // The answer is the membership asked for, known before the write, whether or not the role changed.
        Recording<Boolean> key = recording.isNone() ? Recording.none()
                : Recording.of(recording.key(), changed -> recording.response().apply(member));
        Written<Boolean> changed = members.share(listId, user, role, key);
        if (changed.value()) {
            events.committed();
        }
        return new Written<>(member, changed.changeVersion());
    }

    /**
     * @throws AccessDeniedException    when the caller is not the owner
     * @throws ConflictException        when {@code user} is the owner
     * @throws MemberNotFoundException  when {@code user} is no member
     */
    public void unshare(long listId, String caller, String user) {
        unshare(listId, caller, user, Recording.none());
    }

    /** As {@link #unshare(long, String, String)}, recording the key with the answer. */
    public Written<Boolean> unshare(long listId, String caller, String user, Recording<Boolean> recording) {
        access.requireOwner(listId, caller);
        if (members.role(listId, user).orElse(null) == Role.OWNER) {
            throw new ConflictException(user + " owns list " + listId + " and cannot be removed from it");
        }
        Written<Boolean> removed = members.unshare(listId, user, recording);
        events.committed();
        return removed;
    }
}
