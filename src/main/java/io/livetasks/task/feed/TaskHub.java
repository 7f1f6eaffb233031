package io.livetasks.task.feed;

import io.livetasks.changefeed.Version;
import io.livetasks.task.ListAccess;
import io.livetasks.task.ListNotFoundException;
import io.livetasks.push.Hub;
import io.livetasks.push.Subscription;
import io.livetasks.push.signalr.HubException;
import io.livetasks.push.signalr.HubInvocation;
import io.livetasks.push.signalr.SignalRHubs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The SignalR hub {@code /hubs/tasks} of the official client: {@code JoinList(listId, sinceVersion)} and
 * {@code LeaveList(listId)}. Changes then arrive as invocations of {@code taskUpdate} with the same event
 * JSON as the plain SSE and WebSocket streams, and {@code resync} when the version is too old; next to each
 * protocol Ping, {@code keepAlive} per joined list ({@link KeepAliveEvent}: the version delivered completely).
 */
@ApplicationScoped
public class TaskHub {

    /** The hub name: served at {@code /hubs/tasks}. */
    public static final String NAME = "tasks";

    /**
     * What {@code JoinList} returns.
     *
     * @param version the version the client is now current at for this list (changes after it follow)
     * @param resync  true when {@code sinceVersion} was too old: a {@code resync} message was sent instead,
     *                the list is not joined; reload it and join again from the version it returns
     */
    public record ListJoin(long listId, long version, boolean resync) {
    }

    private final SignalRHubs hubs;
    private final Hub hub;
    private final ListAccess access;
    private final ListSubscriptions subscriptions;

    @Inject
    public TaskHub(SignalRHubs hubs, Hub hub, ListAccess access, ListSubscriptions subscriptions) {
        this.hubs = hubs;
        this.hub = hub;
        this.access = access;
        this.subscriptions = subscriptions;
    }

    /** For the CDI proxy only. */
    protected TaskHub() {
        this(null, null, null, null);
    }

    void onStart(@Observes Startup startup) {
        hubs.register(NAME, hub)
                .reserveTargets(TaskEvent.TARGET, TaskEvent.RESYNC_TARGET, RevokedEvent.TARGET, MemberEvent.TARGET,
                        PresenceEvent.TARGET, KeepAliveEvent.TARGET)
                .sendKeepAlives()
                .method("JoinList", 1, 2, this::joinList)
                .method("LeaveList", 1, 1, this::leaveList);
    }

    /**
     * Replays the list's changes after {@code sinceVersion} (null: none, live only), then delivers live
     * changes. Each list is a subscription of its own, with its own version cursor, so lists joined at
     * different versions on one connection do not hide each other's changes.
     */
    ListJoin joinList(HubInvocation call) throws SQLException {
        long listId = call.longArgument(0, "listId");
        Long since = call.optionalLongArgument(1, "sinceVersion");
        if (since != null && since < 0) {
            throw new HubException("sinceVersion must not be negative");
        }
        String user = call.user();
        if (user == null) {
            throw new HubException("Sign in first: this connection has no user");
        }
        try {
            access.requireMember(listId, user);
        } catch (ListNotFoundException e) {
            throw new HubException(e.getMessage());
        }
        String group = TaskEvent.group(listId);
        Subscription subscription = call.subscription(group);
        boolean joined = subscriptions.subscribe(listId, Optional.ofNullable(since).map(Version::of), subscription, user,
                true);
        if (!joined) {
            call.unsubscribe(group);
        }
        return new ListJoin(listId, subscription.deliveredThrough().value(), !joined);
    }

    Object leaveList(HubInvocation call) {
        call.unsubscribe(TaskEvent.group(call.longArgument(0, "listId")));
        return null;
    }
}
