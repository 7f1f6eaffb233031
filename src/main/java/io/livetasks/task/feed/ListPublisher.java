package io.livetasks.task.feed;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.Version;
import io.livetasks.push.Hub;
import io.livetasks.push.Message;
import io.livetasks.task.ListChange;
import io.livetasks.task.MemberChange;
import io.livetasks.task.PresenceChange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fans each polled batch out to the group of every list it touches ({@code list:{id}}), enforcing
 * membership as it goes: per version, a member removed by it is revoked first (their streams of the list
 * get {@code revoked} and leave the group), so nothing of that version or later reaches them; a user
 * added to or removed from a list hears of it on their own SignalR connections ({@code memberUpdate} to the
 * user), so the list appears in or leaves their app without a reload. Presence changes are handed to the
 * {@link PresenceBroadcaster}, which reads and pushes the lists' viewers outside this lock.
 */
@ApplicationScoped
public class ListPublisher implements ChangeFeed.Publisher<ListChange> {

    private static final Logger LOG = Logger.getLogger(ListPublisher.class.getName());

    private final Hub hub;
    private final ListMessages messages;
    private final PresenceBroadcaster presence;

    @Inject
    public ListPublisher(Hub hub, ListMessages messages, PresenceBroadcaster presence) {
        this.hub = hub;
        this.messages = messages;
        this.presence = presence;
    }

    /** For the CDI proxy only. */
    protected ListPublisher() {
        this(null, null, null);
    }

    @Override
    public void publish(ChangeBatch<ListChange> batch) {
        Map<Long, List<Change<ListChange>>> byList = new LinkedHashMap<>();
        Set<Long> presenceChanged = new LinkedHashSet<>();
        for (Change<ListChange> change : batch.changes()) {
            if (change.payload() instanceof PresenceChange) {
                presenceChanged.add(change.payload().listId());
            } else {
                byList.computeIfAbsent(change.payload().listId(), id -> new ArrayList<>()).add(change);
            }
        }
        byList.forEach(this::publish);
        // After the batch's revocations: a removed member's streams have left the group already.
        presenceChanged.forEach(presence::changed);
        // Every list's stream now has everything up to the batch's version, also a list the batch did not touch:
        // its keep-alives say so (a write receipt may name a version that changed another list or nothing).
        hub.advanceGroups(TaskEvent::isListGroup, batch.toVersion());
        LOG.log(Level.FINE, "Published {0} changes up to version {1}", new Object[] {batch.changes().size(), batch.toVersion()});
    }

    /** One list's changes, in version order. */
    private void publish(long listId, List<Change<ListChange>> changes) {
        String group = TaskEvent.group(listId);
        List<Message> out = messages.of(changes);
        int start = 0;
        while (start < changes.size()) {
            Version version = changes.get(start).version();
            int end = start;
            while (end < changes.size() && changes.get(end).version().equals(version)) {
                end++;
            }
            for (Change<ListChange> change : changes.subList(start, end)) {
                if (change.payload() instanceof MemberChange member && member.isRemoval()) {
                    int revoked = hub.revoke(group, member.user(), messages.revoked(listId, version));
                    LOG.log(Level.FINE, "Revoked {0} streams of list {1} for {2}", new Object[] {revoked, listId, member.user()});
                }
            }
            for (int i = start; i < end; i++) {
                hub.sendToGroup(group, out.get(i));
                if (changes.get(i).payload() instanceof MemberChange member && !MemberChange.UPDATED.equals(member.action())) {
                    // The member's own app hears of it even for lists it has not joined: a shared list appears,
                    // a removed one leaves the sidebar. The message names only them, the list and their role.
                    hub.sendToUser(member.user(), out.get(i));
                }
            }
            start = end;
        }
    }

    @Override
    public void resyncAll(Version newVersion) {
        hub.sendToAll(messages.resync(null, newVersion));
    }
}
