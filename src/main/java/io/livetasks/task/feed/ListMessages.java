package io.livetasks.task.feed;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.Version;
import io.livetasks.push.Message;
import io.livetasks.task.ListChange;
import io.livetasks.task.MemberChange;
import io.livetasks.task.Presence;
import io.livetasks.task.PresenceChange;
import io.livetasks.task.TaskChange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns list changes into the messages every transport carries: one per change, with its hub target
 * ({@code taskUpdate}, {@code memberUpdate}; {@code presence} as state) and event JSON, the last message of each version marked so
 * that transports know when a version has been delivered completely (the resume cursor).
 */
@ApplicationScoped
public class ListMessages {

    private final EventJson json;

    @Inject
    public ListMessages(EventJson json) {
        this.json = json;
    }

    /** For the CDI proxy only. */
    protected ListMessages() {
        this(null);
    }

    /**
     * Messages for changes of one audience (one list), in version order. Presence changes make none: a
     * viewer's row says nothing of the list's viewers as a whole, which {@link PresenceBroadcaster} reads and
     * pushes as state outside the version sequence (so a version holding presence changes only is simply
     * skipped by the cursor, and a replay never repeats old viewers).
     */
    public List<Message> of(List<? extends Change<? extends ListChange>> all) {
        List<? extends Change<? extends ListChange>> changes = all.stream()
                .filter(change -> !(change.payload() instanceof PresenceChange)).toList();
        List<Message> messages = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change<? extends ListChange> change = changes.get(i);
            boolean last = i == changes.size() - 1 || !changes.get(i + 1).version().equals(change.version());
            messages.add(message(change.version(), change.payload(), last));
        }
        return messages;
    }

    /** The viewers of a list, for its subscribers (see {@link PresenceEvent}). */
    public Message presence(Presence presence) {
        return Message.of(PresenceEvent.TARGET, json.toJson(PresenceEvent.of(presence)));
    }

    /** Tells a client to reload ({@code listId} null: every list). */
    public Message resync(Long listId, Version version) {
        return Message.of(TaskEvent.RESYNC_TARGET, json.toJson(ResyncEvent.of(listId, version.value())));
    }

    /** The last message of a stream whose user was removed from the list at {@code version}. */
    public Message revoked(long listId, Version version) {
        return Message.of(RevokedEvent.TARGET, json.toJson(RevokedEvent.of(listId, version.value())));
    }

    /** The JSON of a keep-alive of list {@code listId}'s stream, delivered completely through {@code version}. */
    public String keepAlive(long listId, Version version) {
        return json.toJson(KeepAliveEvent.of(listId, version.value()));
    }

    /** Whether the change removes {@code user}'s membership (after it they may see nothing of the list). */
    public static boolean removes(ListChange change, String user) {
        return change instanceof MemberChange member && member.isRemoval() && member.user().equals(user);
    }

    private Message message(Version version, ListChange change, boolean endOfVersion) {
        if (change instanceof TaskChange c) {
            return Message.versioned(TaskEvent.TARGET,
                    json.toJson(new TaskEvent(version.value(), c.action(), c.listId(), c.taskId(), c.task())),
                    version, endOfVersion);
        }
        MemberChange c = (MemberChange) change; // ListChange is sealed, presence is filtered out: nothing else exists
        return Message.versioned(MemberEvent.TARGET,
                json.toJson(new MemberEvent(version.value(), c.action(), c.listId(), c.user(), c.role())),
                version, endOfVersion);
    }
}
