package io.livetasks.task.feed;

import io.livetasks.task.TaskChange;
import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.ChangePoller;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.Version;
import io.livetasks.persistence.Database;
import io.livetasks.push.Hub;
import io.livetasks.push.Message;
import io.livetasks.push.Subscription;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the change feed to the hub: starts the poller, turns each task change into a {@code taskUpdate}
 * message for the group of its list, and joins connections to a list from a resume version.
 */
@ApplicationScoped
public class TaskFeed {

    private static final Logger LOG = Logger.getLogger(TaskFeed.class.getName());

    private final ChangeSource<TaskChange> source;
    private final Hub hub;
    private final EventJson json;
    private final ManagedScheduledExecutorService executor;
    private final Duration pollInterval;
    private final int logCapacity;
    private ChangeFeed<TaskChange> feed;
    private ChangePoller<TaskChange> poller;

    @Inject
    public TaskFeed(ChangeSource<TaskChange> source, Hub hub, EventJson json, ManagedScheduledExecutorService executor,
                    @ConfigProperty(name = "livetasks.poll.interval.ms", defaultValue = "250") long pollIntervalMs,
                    @ConfigProperty(name = "livetasks.changelog.capacity", defaultValue = "10000") int logCapacity) {
        this.source = source;
        this.hub = hub;
        this.json = json;
        this.executor = executor;
        this.pollInterval = Duration.ofMillis(pollIntervalMs);
        this.logCapacity = logCapacity;
    }

    /** For the CDI proxy only. */
    protected TaskFeed() {
        this(null, null, null, null, 250, 1);
    }

    void onStart(@Observes @Priority(Database.STARTUP_PRIORITY + 10) Startup startup) {
        start();
    }

    synchronized void start() {
        if (poller != null) {
            return;
        }
        long startVersion;
        try {
            startVersion = source.currentVersion();
        } catch (SQLException e) {
            // The poller cannot begin without knowing where "now" is; clients resume from their own versions anyway.
            LOG.log(Level.WARNING, "Database unreachable at start-up; the change feed starts from version 0", e);
            startVersion = 0;
        }
        feed = new ChangeFeed<>(source, new HubPublisher(), logCapacity, startVersion);
        poller = new ChangePoller<>(source, feed, executor, pollInterval);
        poller.start();
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** Polls right away: called after a commit through the API so the writer's own instance does not wait. */
    public void nudge() {
        poller().nudge();
    }

    /** The version up to which changes have been published to clients. */
    public long head() {
        poller();
        return feed.head();
    }

    public ChangePoller<TaskChange> poller() {
        start();
        return poller;
    }

    /**
     * Replays the list's changes after {@code sinceVersion} to the subscription, then joins it to the list's
     * group for live changes; {@code sinceVersion == null} joins live only.
     *
     * @param connection the subscription of one connection to this list (its version cursor and outbox)
     * @return false when the connection was told to resync instead (the version is too old)
     */
    public boolean subscribe(long listId, Long sinceVersion, Subscription connection) throws SQLException {
        poller();
        String group = TaskEvent.group(listId);
        boolean[] attached = {false};
        ChangeFeed.Subscriber<TaskChange> subscriber = new ChangeFeed.Subscriber<>() {
            @Override
            public void replay(List<Change<TaskChange>> changes, long upToVersion) {
                connection.replay(messages(changes));
                connection.advanceTo(Version.of(upToVersion));
            }

            @Override
            public void attach() {
                hub.join(group, connection);
                attached[0] = true;
            }

            @Override
            public void resync(long minValidVersion) {
                connection.offer(Message.of(TaskEvent.RESYNC_TARGET, json.toJson(ResyncEvent.of(listId, minValidVersion))));
            }
        };
        if (sinceVersion == null) {
            connection.advanceTo(Version.of(feed.head()));
            feed.subscribe(feed.head(), change -> change.listId() == listId, subscriber);
        } else {
            // The client has everything up to its resume point. This instance's poller may not have published
            // that far yet (the version may come from another instance, or from a snapshot read before the
            // next poll): its live changes at or below the point must not reach the client again.
            connection.advanceTo(Version.of(sinceVersion));
            feed.subscribe(sinceVersion, change -> change.listId() == listId, subscriber);
        }
        return attached[0];
    }

    /** Messages for changes of one list, flagging the last message of each version. */
    private List<Message> messages(List<Change<TaskChange>> changes) {
        List<Message> messages = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change<TaskChange> change = changes.get(i);
            boolean last = i == changes.size() - 1 || changes.get(i + 1).version() != change.version();
            TaskChange c = change.payload();
            TaskEvent event = new TaskEvent(change.version(), c.action(), c.listId(), c.taskId(), c.task());
            messages.add(Message.versioned(TaskEvent.TARGET, json.toJson(event), Version.of(change.version()), last));
        }
        return messages;
    }

    /** Fans each polled batch out to the groups of the lists it touches. */
    private final class HubPublisher implements ChangeFeed.Publisher<TaskChange> {

        @Override
        public void publish(ChangeBatch<TaskChange> batch) {
            Map<Long, List<Change<TaskChange>>> byList = new LinkedHashMap<>();
            for (Change<TaskChange> change : batch.changes()) {
                byList.computeIfAbsent(change.payload().listId(), id -> new ArrayList<>()).add(change);
            }
            byList.forEach((listId, changes) -> {
                String group = TaskEvent.group(listId);
                messages(changes).forEach(message -> hub.sendToGroup(group, message));
            });
            LOG.log(Level.FINE, "Published {0} changes up to version {1}", new Object[] {batch.changes().size(), batch.toVersion()});
        }

        @Override
        public void resyncAll(long newVersion) {
            hub.sendToAll(Message.of(TaskEvent.RESYNC_TARGET, json.toJson(ResyncEvent.of(null, newVersion))));
        }
    }
}
