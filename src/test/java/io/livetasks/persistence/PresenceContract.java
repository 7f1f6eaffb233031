package io.livetasks.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.Version;
import io.livetasks.task.ListChange;
import io.livetasks.task.PresenceChange;
import io.livetasks.task.PresenceStore;
import io.livetasks.task.TaskList;
import io.livetasks.task.Viewer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link DialectContract}: presence ({@code list_presence}, {@code instance_heartbeat}). Viewers coming and
 * going reach the change feed like any tracked row, a repeated insert records nothing, the viewers read groups a
 * user's instances, and the heartbeat expiry removes exactly the rows of instances without a fresh heartbeat.
 * Instance ids are fresh per test, as other tests' rows may share the database.
 */
interface PresenceContract extends DialectFixture {

    private PresenceStore presence() {
        return JdbcPresenceStore.of(dialectUnderTest(), dataSource());
    }

    /** The dialect the fixture runs (the contract's own {@link DialectContract#dialect()}). */
    Dialect dialectUnderTest();

    private static String instance() {
        return "it-" + UUID.randomUUID();
    }

    private static List<PresenceChange> presenceChangesOf(long listId, ChangeBatch<ListChange> batch) {
        return batch.changes().stream().map(Change::payload)
                .filter(PresenceChange.class::isInstance).map(PresenceChange.class::cast)
                .filter(change -> change.listId() == listId).toList();
    }

    @Test
    default void shouldReportViewersComingAndGoingAsChangesOfTheirList() throws SQLException {
        TaskList list = store().createList("viewed", OWNER);
        String instance = instance();
        Version before = source().currentVersion();

        presence().add(list.id(), "bob", instance);
        Version added = source().currentVersion();
        assertThat(presenceChangesOf(list.id(), source().changesSince(before)))
                .containsExactly(new PresenceChange(list.id(), "bob", instance, true));
        assertThat(presenceChangesOf(list.id(), source().changesSince(before, list.id())))
                .as("a resume of the list reads them too").hasSize(1);

        presence().remove(list.id(), "bob", instance);
        assertThat(presenceChangesOf(list.id(), source().changesSince(added)))
                .containsExactly(new PresenceChange(list.id(), "bob", instance, false));
    }

    @Test
    default void shouldRecordNoChangeWhenAViewerIsAddedAgain() throws SQLException {
        TaskList list = store().createList("viewed twice", OWNER);
        String instance = instance();
        presence().add(list.id(), "bob", instance);
        Version after = source().currentVersion();

        presence().add(list.id(), "bob", instance);

        assertThat(source().currentVersion()).isEqualTo(after);
        assertThat(presence().viewers(list.id()).viewers()).extracting(Viewer::user).containsExactly("bob");
    }

    @Test
    default void shouldListEachViewerOnceWhateverTheInstancesTheyViewFrom() {
        TaskList list = store().createList("viewed everywhere", OWNER);
        String a = instance();
        String b = instance();
        presence().add(list.id(), "carol", a);
        presence().add(list.id(), "bob", a);
        presence().add(list.id(), "bob", b);
        TaskList other = store().createList("elsewhere", OWNER);
        presence().add(other.id(), "dave", a);

        var viewers = presence().viewers(list.id());

        assertThat(viewers.listId()).isEqualTo(list.id());
        assertThat(viewers.viewers()).extracting(Viewer::user).containsExactly("bob", "carol");
        assertThat(viewers.viewers()).allSatisfy(viewer -> assertThat(viewer.since()).isNotNull());
        assertThat(viewers.asOf()).isPositive();
    }

    @Test
    default void shouldExpireTheViewersOfInstancesWithoutAFreshHeartbeat() {
        TaskList list = store().createList("expiring", OWNER);
        String alive = instance();
        String gone = instance();
        assertThat(presence().heartbeat(alive)).as("a first heartbeat finds none").isFalse();
        assertThat(presence().heartbeat(alive)).as("the second finds the first").isTrue();
        presence().add(list.id(), "alice", alive);
        presence().add(list.id(), "bob", gone);

        int expired = presence().expire(Duration.ofHours(1));

        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(presence().viewers(list.id()).viewers()).extracting(Viewer::user).containsExactly("alice");
    }

    @Test
    default void shouldForgetAnInstanceWithItsViewersAndHeartbeat() {
        TaskList list = store().createList("forgotten", OWNER);
        String instance = instance();
        presence().heartbeat(instance);
        presence().add(list.id(), "alice", instance);

        presence().forget(instance);

        assertThat(presence().viewers(list.id()).viewers()).isEmpty();
        assertThat(presence().heartbeat(instance)).as("its heartbeat is gone too").isFalse();
    }
}
