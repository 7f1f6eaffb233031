package io.livetasks.persistence.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.Version;
import io.livetasks.persistence.ChangeReader;
import io.livetasks.persistence.JdbcTaskStore;
import io.livetasks.persistence.PlainSql;
import io.livetasks.persistence.TrackedTables;
import io.livetasks.task.ListChange;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paged change reads (a page always ends on a whole version) and a min valid version above the current one
 * (SQL Server after a TRUNCATE or tracking re-enabled; set here by hand), on the H2 emulation.
 */
class H2ChangePagingTest {

    private H2TestDatabase database;
    private TaskStore store;
    private TaskList list;

    @BeforeEach
    void openDatabase() {
        database = new H2TestDatabase();
        store = JdbcTaskStore.of(database.dialect(), database.dataSource());
        list = store.createList("list", "alice");
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        database.close();
    }

    private ChangeSource<ListChange> source(int pageSize) {
        return TrackedTables.changeSource(database.dialect(), database.dataSource(), pageSize);
    }

    /** One transaction inserting {@code count} tasks: one version. */
    private void insertTasks(int count, String prefix) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                PlainSql.insertTask(connection, list.id(), prefix + i);
            }
            connection.commit();
        }
    }

    @Test
    void shouldEndAPageOnAWholeVersionNeverSplittingOne() throws SQLException {
        Version start = source(10).currentVersion();
        insertTasks(2, "a");   // version start+1: 2 rows
        insertTasks(3, "b");   // start+2: 3 rows; the 3rd change of the read falls in it
        insertTasks(2, "c");   // start+3

        ChangeBatch<ListChange> page = source(3).changesSince(start);

        assertThat(page.partial()).isTrue();
        assertThat(page.toVersion()).isEqualTo(Version.of(start.value() + 2));
        assertThat(page.changes()).hasSize(5).extracting(Change::version).containsOnly(
                Version.of(start.value() + 1), Version.of(start.value() + 2));
    }

    @Test
    void shouldReadAVersionLargerThanThePageWhole() throws SQLException {
        Version start = source(10).currentVersion();
        insertTasks(7, "big");
        insertTasks(1, "next");

        ChangeBatch<ListChange> page = source(3).changesSince(start);

        assertThat(page.changes()).hasSize(7);
        assertThat(page.toVersion()).isEqualTo(Version.of(start.value() + 1));
        assertThat(page.partial()).isTrue();
    }

    @Test
    void shouldDeliverEveryChangeOnceAcrossPages() throws SQLException {
        ChangeSource<ListChange> paged = source(4);
        Version from = paged.currentVersion();
        for (int i = 0; i < 6; i++) {
            insertTasks(1 + i % 3, "t" + i + "-");
        }
        ChangeBatch<ListChange> unpaged = source(1_000).changesSince(from);
        assertThat(unpaged.partial()).isFalse();

        List<Change<?>> read = new ArrayList<>();
        int pages = 0;
        ChangeBatch<ListChange> page;
        do {
            page = paged.changesSince(from);
            read.addAll(page.changes());
            from = page.toVersion();
            pages++;
        } while (page.partial());

        assertThat(pages).isGreaterThan(1);
        assertThat(from).isEqualTo(unpaged.toVersion());
        assertThat(read).containsExactlyElementsOf(unpaged.changes());
    }

    @Test
    void shouldPageOneListsResumeToo() throws SQLException {
        Version start = source(10).currentVersion();
        insertTasks(2, "a");
        insertTasks(2, "b");

        ChangeBatch<ListChange> page = source(2).changesSince(start);

        assertThat(ChangeReader.changesOf(list.id(), page)).hasSize(2);
        assertThat(page.partial()).isTrue();
    }

    @Test
    void shouldWaitAtAMinValidVersionAboveTheCurrentOneAndDeliverWhatFollows() throws SQLException {
        ChangeSource<ListChange> source = source(100);
        store.addTask(list.id(), "before");
        Version current = source.currentVersion();
        Version minValid = Version.of(current.value() + 5);
        try (Connection connection = database.dataSource().getConnection()) {
            PlainSql.execute(connection, "UPDATE ct_min_valid SET v = ? WHERE id = 1", minValid.value());
        }

        ChangeBatch<ListChange> waiting = source.changesSince(minValid);
        assertThat(waiting.changes()).isEmpty();
        assertThat(waiting.toVersion()).as("stays at min valid, not 'ahead of the database'").isEqualTo(minValid);
        assertThat(store.snapshot(list.id(), "alice").orElseThrow().version())
                .as("a list read names min valid, so that its subscribe is not told to resync").isEqualTo(minValid.value());

        store.addTask(list.id(), "after");
        ChangeBatch<ListChange> after = source.changesSince(minValid);
        assertThat(ChangeReader.changesOf(list.id(), after)).extracting(change -> change.payload().task().title())
                .containsExactly("after");
        assertThat(after.toVersion()).isGreaterThan(minValid);
    }
}
