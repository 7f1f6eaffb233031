package io.livetasks.persistence;

import static io.livetasks.persistence.ChangeReader.changesOf;
import static io.livetasks.persistence.ChangeReader.memberChangesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.Version;
import io.livetasks.task.ListChange;
import io.livetasks.task.MemberChange;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link DialectContract}: a second tracked table ({@code list_member}) reaches the same change
 * feed as tasks, with the same guarantees (any writer, net changes, one version per transaction across
 * tables), and a resume of one list reads only that list's rows, filtered by the database.
 */
interface MemberChangeContract extends DialectFixture {

    @Test
    default void shouldReportMembershipsWrittenWithPlainSql() throws SQLException {
        TaskList list = store().createList("shared", OWNER);
        Version before = source().currentVersion();
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, ?)",
                    list.id(), "bob", "reader");
            Version added = source().currentVersion();
            assertThat(memberChangesOf(list.id(), source().changesSince(before))).extracting(Change::payload)
                    .containsExactly(new MemberChange(MemberChange.ADDED, list.id(), "bob", "reader"));

            PlainSql.execute(connection, "UPDATE list_member SET role = ? WHERE list_id = ? AND user_name = ?",
                    "writer", list.id(), "bob");
            Version updated = source().currentVersion();
            assertThat(memberChangesOf(list.id(), source().changesSince(added))).extracting(Change::payload)
                    .containsExactly(new MemberChange(MemberChange.UPDATED, list.id(), "bob", "writer"));

            PlainSql.execute(connection, "DELETE FROM list_member WHERE list_id = ? AND user_name = ?", list.id(), "bob");
            assertThat(memberChangesOf(list.id(), source().changesSince(updated))).extracting(Change::payload)
                    .containsExactly(new MemberChange(MemberChange.REMOVED, list.id(), "bob", null));
        }
        assertThat(memberChangesOf(list.id(), source().changesSince(before))).as("added then removed nets to removed")
                .extracting(Change::payload)
                .containsExactly(new MemberChange(MemberChange.REMOVED, list.id(), "bob", null));
    }

    @Test
    default void shouldGiveTaskAndMemberRowsOfOneTransactionOneVersion() throws SQLException {
        TaskList list = store().createList("shared", OWNER);
        Version before = source().currentVersion();
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            PlainSql.insertTask(connection, list.id(), "for bob");
            PlainSql.execute(connection, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, ?)",
                    list.id(), "bob", "writer");
            connection.commit();
        }

        ChangeBatch<ListChange> batch = source().changesSince(before);

        Version taskVersion = changesOf(list.id(), batch).get(0).version();
        assertThat(memberChangesOf(list.id(), batch)).extracting(Change::version).containsExactly(taskVersion);
    }

    @Test
    default void shouldReadOnlyTheRequestedListWhenResumingOne() throws SQLException {
        TaskList mine = store().createList("mine", OWNER);
        TaskList other = store().createList("other", OWNER);
        Version before = source().currentVersion();
        store().addTask(other.id(), "not mine");
        store().addTask(mine.id(), "mine");
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, ?)",
                    other.id(), "carol", "reader");
            PlainSql.execute(connection, "INSERT INTO list_member (list_id, user_name, role) VALUES (?, ?, ?)",
                    mine.id(), "dave", "reader");
        }

        ChangeBatch<ListChange> batch = source().changesSince(before, mine.id());

        assertThat(batch.changes()).extracting(change -> change.payload().listId()).containsOnly(mine.id());
        assertThat(batch.changes()).extracting(Change::payload).hasSize(2)
                .hasAtLeastOneElementOfType(TaskChange.class).hasAtLeastOneElementOfType(MemberChange.class);
        assertThat(batch.toVersion()).isEqualTo(source().currentVersion());
    }

    @Test
    default void shouldRefuseToReadMoreThanTheReplayLimitForOneList() throws SQLException {
        TaskList list = store().createList("busy", OWNER);
        Version before = source().currentVersion();
        for (int i = 0; i < 5; i++) {
            store().addTask(list.id(), "task " + i);
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source().changesSince(before, list.id(), 3))
                .isInstanceOf(io.livetasks.changefeed.ReplayTooLargeException.class);
        assertThat(source().changesSince(before, list.id(), 5).changes()).hasSize(5);
    }
}
