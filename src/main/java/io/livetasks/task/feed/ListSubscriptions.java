package io.livetasks.task.feed;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.Version;
import io.livetasks.push.Subscription;
import io.livetasks.push.Hub;
import io.livetasks.task.ListChange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Joins a connection to one list whose membership the caller has checked ({@link io.livetasks.task.ListAccess},
 * once, before any byte of a stream is sent: every endpoint does), replays what it missed after its
 * resume point (from the change log, or from the database, reading that list only), then adds it to the
 * list's group for live changes without gap or overlap; or tells it to resync when its version is too old.
 * The same for every transport. A replay stops at the change that removed the user's membership (they get
 * {@code revoked} instead of anything after it); live removals are enforced by {@link ListPublisher}. A joined
 * subscription counts as its user viewing the list ({@link PresenceTracker}) and is sent the list's viewers.
 */
@ApplicationScoped
public class ListSubscriptions {

    private final TaskFeed feed;
    private final Hub hub;
    private final ListMessages messages;
    private final FeedMetrics metrics;
    private final PresenceTracker viewing;
    private final PresenceBroadcaster viewers;

    @Inject
    public ListSubscriptions(TaskFeed feed, Hub hub, ListMessages messages, FeedMetrics metrics, PresenceTracker viewing,
                             PresenceBroadcaster viewers) {
        this.feed = feed;
        this.hub = hub;
        this.messages = messages;
        this.metrics = metrics;
        this.viewing = viewing;
        this.viewers = viewers;
    }

    /** For the CDI proxy only. */
    protected ListSubscriptions() {
        this(null, null, null, null, null, null);
    }

    /**
     * Replays the list's changes after {@code resumeAfter} to the subscription (one connection's version
     * cursor in front of its outbox), then joins it to the list's
     * group for live changes; without a resume point it joins live only.
     *
     * @param resumeAfter the last version the client received completely, if it has one
     * @param user        who receives it: the authenticated user of the connection
     * @param presence    whether the subscription takes {@code presence} events (SignalR always; plain streams
     *                    that asked): it counts as its user viewing the list either way
     * @return false when the connection was told to resync instead (the version is too old), or its user
     *         was removed from the list after the resume point ({@code revoked})
     */
    public boolean subscribe(long listId, Optional<Version> resumeAfter, Subscription connection, String user,
                             boolean presence) throws SQLException {
        ChangeFeed<ListChange> changes = feed.feed();
        // The client has everything up to its resume point. This instance's poller may not have published
        // that far yet (the version may come from another instance, or from a snapshot read before the
        // next poll): its live changes at or below the point must not reach the client again.
        Version from = resumeAfter.orElseGet(changes::head);
        connection.advanceTo(from);
        connection.describeKeepAlives(version -> messages.keepAlive(listId, version));
        boolean[] attached = {false};
        boolean[] revoked = {false};
        changes.subscribe(from, listId, new ChangeFeed.Subscriber<>() {
            @Override
            public void replay(List<Change<ListChange>> replayed, Version upToVersion) {
                if (revoked[0]) {
                    return;
                }
                for (Change<ListChange> change : replayed) {
                    if (ListMessages.removes(change.payload(), user)) {
                        // Removed after the resume point: everything before that version, then the farewell.
                        connection.replay(messages.of(replayed.stream()
                                .filter(c -> c.version().isBefore(change.version())).toList()));
                        connection.offer(messages.revoked(listId, change.version()));
                        revoked[0] = true;
                        return;
                    }
                }
                connection.replay(messages.of(replayed));
                connection.advanceTo(upToVersion);
            }

            @Override
            public void attach() {
                if (!revoked[0]) {
                    hub.join(TaskEvent.group(listId), connection);
                    attached[0] = true;
                }
            }

            @Override
            public void resync(Version minValidVersion) {
                connection.offer(messages.resync(listId, minValidVersion));
                metrics.resynced();
            }
        });
        if (attached[0]) {
            // The user now views the list from this instance (until the subscription or its connection closes),
            // and the subscription hears who else does: on a resume too, as presence is state, never replayed.
            viewing.track(listId, user, connection);
            if (presence) {
                viewers.listen(listId, connection);
            }
        }
        return attached[0];
    }
}
