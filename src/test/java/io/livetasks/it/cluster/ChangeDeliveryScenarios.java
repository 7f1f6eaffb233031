package io.livetasks.it.cluster;

import static io.livetasks.it.cluster.Feeds.WAIT;
import static io.livetasks.it.cluster.Feeds.addTask;
import static io.livetasks.it.cluster.Feeds.api;
import static io.livetasks.it.cluster.Feeds.events;
import static io.livetasks.it.cluster.Feeds.frames;
import static io.livetasks.it.cluster.Feeds.insertInOneTransaction;
import static io.livetasks.it.cluster.Feeds.newList;
import static io.livetasks.it.cluster.Feeds.sse;
import static io.livetasks.it.cluster.Feeds.title;
import static io.livetasks.it.cluster.Feeds.version;
import static io.livetasks.it.cluster.Feeds.ws;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.SseClient;
import io.livetasks.it.User;
import io.livetasks.it.WsClient;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gapless change delivery across two instances on one database, whatever the database: subclasses give
 * the cluster (H2 in server mode, SQL Server in a container).
 */
abstract class ChangeDeliveryScenarios {

    private static final Duration QUIET = Duration.ofMillis(700);

    protected abstract Cluster cluster();

    @Test
    void shouldDeliverAWriteThroughOneInstanceToClientsOfTheOther() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "across instances");
        long since = version(cluster.a(), listId);
        try (WsClient ws = ws(cluster.b(), listId, since); SseClient sse = sse(cluster.b(), listId, since)) {
            long taskId = addTask(cluster.a(), listId, "written through a");

            JsonObject overWs = frames(ws, 1).get(0);
            JsonObject overSse = Api.object(events(sse, 1).get(0).data());
            assertThat(overWs.getJsonNumber("taskId").longValue()).isEqualTo(taskId);
            assertThat(title(overWs)).isEqualTo("written through a");
            assertThat(overSse).isEqualTo(overWs);
        }
    }

    /** The other instance's poller may still be behind the version the client resumes from. */
    @Test
    void shouldNotRepeatVersionsAtOrBelowTheResumePointOnAnotherInstance() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "resume elsewhere");
        for (int trial = 0; trial < 5; trial++) {
            addTask(cluster.a(), listId, "before " + trial);
            long since = version(cluster.a(), listId);
            try (WsClient ws = ws(cluster.b(), listId, since)) {
                addTask(cluster.a(), listId, "after " + trial);

                JsonObject first = frames(ws, 1).get(0);
                assertThat(title(first)).as("trial %d: the first event after resuming from %d: %s", trial, since, first)
                        .isEqualTo("after " + trial);
                assertThat(version(first)).isGreaterThan(since);
            }
        }
    }

    @Test
    void shouldReplayFromMemoryInVersionOrderWithATransactionsRowsTogether() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "replay from memory");
        long since = version(cluster.a(), listId);
        addTask(cluster.a(), listId, "first");
        insertInOneTransaction(cluster.database(), listId, "together", 3);
        addTask(cluster.b(), listId, "last");
        Feeds.awaitPublished(cluster, cluster.database().currentVersion());

        try (SseClient sse = sse(cluster.a(), listId, since); WsClient ws = ws(cluster.b(), listId, since)) {
            List<SseClient.Event> overSse = events(sse, 5);
            List<JsonObject> overWs = frames(ws, 5);

            assertThat(overSse).extracting(e -> title(Api.object(e.data())))
                    .containsExactly("first", "together-0", "together-1", "together-2", "last");
            assertThat(overWs).extracting(Feeds::title)
                    .containsExactly("first", "together-0", "together-1", "together-2", "last");
            List<Long> versions = overWs.stream().map(Feeds::version).toList();
            assertThat(versions).isSorted().allMatch(v -> v > since);
            assertThat(versions.subList(1, 4)).as("one transaction, one version").containsOnly(versions.get(1));
            assertThat(overSse).extracting(SseClient.Event::id).as("id: only on the last event of a version")
                    .containsExactly(Long.toString(versions.get(0)), null, null, Long.toString(versions.get(3)),
                            Long.toString(versions.get(4)));
            assertThat(sse.next(QUIET)).as("nothing more").isNull();
            assertThat(ws.next(QUIET)).as("nothing more").isNull();

            addTask(cluster.a(), listId, "live");
            assertThat(title(Api.object(events(sse, 1).get(0).data()))).isEqualTo("live");
            assertThat(title(frames(ws, 1).get(0))).isEqualTo("live");
        }
    }

    @Test
    void shouldReplayFromTheDatabaseWhenTheLogNoLongerReachesBack() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "replay from the database");
        long since = version(cluster.a(), listId);
        addTask(cluster.a(), listId, "one");
        addTask(cluster.a(), listId, "two");
        long afterTwo = version(cluster.a(), listId);
        addTask(cluster.a(), listId, "three");
        pushOutOfTheLog(cluster);

        try (WsClient ws = ws(cluster.b(), listId, since);
             SseClient sse = sse(cluster.a(), listId, since);
             SseClient resumed = sse(cluster.b(), listId, afterTwo)) {
            assertThat(frames(ws, 3)).extracting(Feeds::title).containsExactly("one", "two", "three");
            assertThat(events(sse, 3)).extracting(e -> title(Api.object(e.data()))).containsExactly("one", "two", "three");
            assertThat(events(resumed, 1)).extracting(e -> title(Api.object(e.data()))).containsExactly("three");
            assertThat(resumed.next(QUIET)).as("nothing at or below the resume point").isNull();
        }
    }

    /** A resume needs more events than a connection may have queued: it must still complete, not be dropped. */
    @Test
    void shouldCompleteAResumeThatNeedsMoreEventsThanTheOutboundQueueHolds() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "big resume");
        long since = version(cluster.a(), listId);
        int transactions = 10;
        int rows = Cluster.QUEUE_CAPACITY / 2;
        for (int t = 0; t < transactions; t++) {
            insertInOneTransaction(cluster.database(), listId, "t" + t, rows);
        }
        Feeds.awaitPublished(cluster, cluster.database().currentVersion());

        try (WsClient ws = ws(cluster.a(), listId, since); SseClient sse = sse(cluster.b(), listId, since)) {
            assertThat(frames(ws, transactions * rows)).extracting(Feeds::title).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(events(sse, transactions * rows)).extracting(SseClient.Event::name).containsOnly("taskUpdate");
        }
    }

    @Test
    void shouldTellAClientBelowTheMinValidVersionToResync() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "too old");
        long since = version(cluster.a(), listId);
        addTask(cluster.a(), listId, "forgotten");
        long current = cluster.database().currentVersion();
        Feeds.awaitPublished(cluster, current);
        cluster.database().forgetChangesThrough(current);
        pushOutOfTheLog(cluster);

        try (WsClient ws = ws(cluster.b(), listId, since); SseClient sse = sse(cluster.a(), listId, since)) {
            JsonObject overWs = frames(ws, 1).get(0);
            SseClient.Event overSse = events(sse, 1).get(0);

            assertThat(overWs.getString("action")).isEqualTo("resync");
            assertThat(overWs.getJsonNumber("minValidVersion").longValue()).isGreaterThan(since);
            assertThat(ws.closeCode(WAIT)).as("the plain WebSocket closes after a resync").isEqualTo(1001);
            assertThat(overSse.name()).isEqualTo("resync");
            assertThat(Feeds.awaitEnded(sse)).as("the SSE stream ends after a resync").isTrue();
            assertThat(sse.next(Duration.ZERO)).isNull();
        }
    }

    /**
     * A transaction that wrote first stays open while another one commits and is delivered; it commits
     * later and must still be delivered (change tracking versions follow commit order, so the poller,
     * already past the other version, still finds it). On H2 the second writer waits for the first (the
     * emulation serialises writers); on SQL Server it commits first. Either way: both arrive, in commit order.
     */
    @Test
    void shouldDeliverATransactionThatCommitsAfterALaterOneWasDelivered() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "commit order");
        long since = version(cluster.a(), listId);
        try (WsClient ws = ws(cluster.b(), listId, since); Connection slow = cluster.database().connect()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
                insert.setLong(1, listId);
                insert.setString(2, "slow");
                insert.executeUpdate();
            }
            CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> {
                try (Connection connection = cluster.database().connect();
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)")) {
                    insert.setLong(1, listId);
                    insert.setString(2, "fast");
                    insert.executeUpdate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String early = ws.next(Duration.ofSeconds(2));
            slow.commit();
            fast.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            List<JsonObject> received = early == null ? frames(ws, 2) : List.of(Api.object(early), frames(ws, 1).get(0));
            assertThat(received).extracting(Feeds::title).containsExactlyInAnyOrder("slow", "fast");
            assertThat(received).extracting(Feeds::version).isSorted().doesNotHaveDuplicates();
            if (early != null) {
                assertThat(title(received.get(0))).as("only the committed one can come early").isEqualTo("fast");
            }
            assertThat(ws.next(QUIET)).isNull();
        }
    }

    /**
     * Each instance enforces a removal from its own change feed: the owner removes a member through one
     * instance, and the member's streams on the other end with {@code revoked}, receiving nothing after it.
     */
    @Test
    void shouldRevokeStreamsOnOneInstanceWhenTheMemberIsRemovedThroughTheOther() throws Exception {
        Cluster cluster = cluster();
        long listId = newList(cluster.a(), "revoked across instances");
        api(cluster.a()).share(listId, User.BOB, "reader");
        long since = version(cluster.a(), listId);
        try (WsClient ws = ws(cluster.b(), listId, since, User.BOB);
             SseClient sse = sse(cluster.b(), listId, since, User.BOB);
             SseClient witness = sse(cluster.b(), listId, since)) {
            // Live, and past the sharing: polled together with the removal, it would cancel out (net changes).
            addTask(cluster.a(), listId, "while a member");
            assertThat(title(frames(ws, 1).get(0))).isEqualTo("while a member");
            assertThat(title(Api.object(events(sse, 1).get(0).data()))).isEqualTo("while a member");
            assertThat(title(Api.object(events(witness, 1).get(0).data()))).isEqualTo("while a member");

            api(cluster.a()).unshare(listId, User.BOB);

            JsonObject revoked = frames(ws, 1).get(0);
            assertThat(revoked.getString("action")).isEqualTo("revoked");
            assertThat(ws.closeCode(WAIT)).isEqualTo(1001);
            SseClient.Event overSse = events(sse, 1).get(0);
            assertThat(overSse.name()).isEqualTo("revoked");
            assertThat(Api.object(overSse.data())).isEqualTo(revoked);
            assertThat(Feeds.awaitEnded(sse)).as("the SSE stream ends after revoked").isTrue();

            addTask(cluster.a(), listId, "after the removal");
            assertThat(events(witness, 2)).extracting(SseClient.Event::name).containsExactly("memberUpdate", "taskUpdate");
            assertThat(ws.next(QUIET)).isNull();
            assertThat(sse.next(Duration.ZERO)).isNull();
        }
    }

    /** Enough changes on another list that every instance's in-memory log no longer reaches back past now. */
    private static void pushOutOfTheLog(Cluster cluster) throws Exception {
        long other = newList(cluster.a(), "filler");
        for (int i = 0; i < 3; i++) {
            insertInOneTransaction(cluster.database(), other, "filler", Cluster.CHANGELOG_CAPACITY / 2 + 1);
        }
        Feeds.awaitPublished(cluster, cluster.database().currentVersion());
    }
}
