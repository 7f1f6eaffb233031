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
 * Joins a connection to one list: replays what it missed after its resume point (from the change log, or
 * from the database, reading that list only), then adds it to the list's group for live changes without
 * gap or overlap; or tells it to resync when its version is too old. The same for every transport.
 */
@ApplicationScoped
public class ListSubscriptions {

    private final TaskFeed feed;
    private final Hub hub;
    private final ListMessages messages;

    @Inject
    public ListSubscriptions(TaskFeed feed, Hub hub, ListMessages messages) {
        this.feed = feed;
        this.hub = hub;
        this.messages = messages;
    }

    /** For the CDI proxy only. */
    protected ListSubscriptions() {
        this(null, null, null);
    }

    /**
     * Replays the list's changes after {@code resumeAfter} to the subscription (one connection's version
     * cursor in front of its outbox), then joins it to the list's
     * group for live changes; without a resume point it joins live only.
     *
     * @param resumeAfter the last version the client received completely, if it has one
     * @return false when the connection was told to resync instead (the version is too old)
     */
    public boolean subscribe(long listId, Optional<Version> resumeAfter, Subscription connection) throws SQLException {
        ChangeFeed<ListChange> changes = feed.feed();
        // The client has everything up to its resume point. This instance's poller may not have published
        // that far yet (the version may come from another instance, or from a snapshot read before the
        // next poll): its live changes at or below the point must not reach the client again.
        Version from = resumeAfter.orElseGet(changes::head);
        connection.advanceTo(from);
        boolean[] attached = {false};
        changes.subscribe(from, listId, new ChangeFeed.Subscriber<>() {
            @Override
            public void replay(List<Change<ListChange>> replayed, Version upToVersion) {
                connection.replay(messages.of(replayed));
                connection.advanceTo(upToVersion);
            }

            @Override
            public void attach() {
                hub.join(TaskEvent.group(listId), connection);
                attached[0] = true;
            }

            @Override
            public void resync(Version minValidVersion) {
                connection.offer(messages.resync(listId, minValidVersion));
            }
        });
        return attached[0];
    }
}
