package io.livetasks.persistence.h2;

import static org.awaitility.Awaitility.await;
import io.livetasks.task.TaskChange;
import io.livetasks.task.ListChange;
import io.livetasks.persistence.TrackedTables;
import io.livetasks.persistence.ChangeReader;
import io.livetasks.persistence.JdbcTaskStore;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.Version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.VersionTooOldException;
import io.livetasks.persistence.DialectStatements;
import io.livetasks.persistence.InterceptedDataSource;
import io.livetasks.persistence.PlainSql;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the H2 emulation has to do itself: retention cleanup, and versions that survive a reopen. */
class H2ChangeSourceTest {

    private H2TestDatabase database;
    private TaskStore store;
    private TaskList list;

    @BeforeEach
    void openDatabase() {
        // Unpooled: one test reopens the database, which pooled connections would not survive.
        database = H2TestDatabase.unpooled();
        store = JdbcTaskStore.of(database.dialect(), database.dataSource());
        list = store.createList("list", "alice");
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        database.close();
    }

    private ChangeSource<ListChange> source() {
        return TrackedTables.changeSource(database.dialect(), database.dataSource());
    }

    private H2ChangeCleanup cleanup() {
        return database.dialect().cleanup(database.dataSource());
    }

    @Test
    void shouldKeepChangesYoungerThanTheRetention() throws SQLException {
        ChangeSource<ListChange> source = source();
        store.addTask(list.id(), "task");

        assertThat(cleanup().cleanup(Duration.ofHours(1))).isEqualTo(Version.ZERO);
        assertThat(ChangeReader.changesOf(list.id(), source.changesSince(Version.ZERO))).hasSize(1);
    }

    @Test
    void shouldDeleteExpiredChangesAndRaiseTheMinValidVersion() throws Exception {
        ChangeSource<ListChange> source = source();
        store.addTask(list.id(), "old");
        Version oldVersion = source.currentVersion();
        awaitDatabaseClockPast(Duration.ofMillis(20)); // older than the 10 ms retention below, by the database's clock

        assertThat(cleanup().cleanup(Duration.ofMillis(10))).isEqualTo(oldVersion);
        assertThat(source.minValidVersion()).isEqualTo(oldVersion);
        assertThatThrownBy(() -> source.changesSince(Version.ZERO)).isInstanceOf(VersionTooOldException.class);
        store.addTask(list.id(), "new");
        assertThat(source.changesSince(oldVersion).changes())
                .extracting(change -> ((TaskChange) change.payload()).task().title())
                .containsExactly("new");
    }

    @Test
    void shouldNotPurgeBeyondTheCurrentVersion() throws SQLException {
        ChangeSource<ListChange> source = source();
        store.addTask(list.id(), "task");

        assertThat(cleanup().purgeThrough(Version.of(1_000))).isEqualTo(source.currentVersion());
        assertThat(source.changesSince(source.currentVersion()).changes()).isEmpty();
    }

    @Test
    void shouldNotWaitBehindAnOpenWriteToCleanUpWhenReading() throws Exception {
        ChangeSource<ListChange> source = TrackedTables.changeSource(new H2Dialect(Duration.ofMillis(1)), database.dataSource());
        store.addTask(list.id(), "committed");
        awaitDatabaseClockPast(Duration.ofMillis(5)); // older than the 1 ms retention, by the database's clock
        try (Connection writer = database.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            PlainSql.insertTask(writer, list.id(), "open");

            long started = System.nanoTime();
            assertThat(ChangeReader.changesOf(list.id(), source.changesSince(Version.ZERO))).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(source.minValidVersion()).as("cleanup skipped while the writer holds the counter").isEqualTo(Version.ZERO);
            writer.commit();
        }
        source.changesSince(source.currentVersion());
        assertThat(source.minValidVersion()).as("no retry on every read").isEqualTo(Version.ZERO);

        // The cleanup retries a second after it found the write in flight: reads until then skip it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            source.changesSince(source.currentVersion());
            assertThat(source.minValidVersion()).as("cleanup retried a second later (1: the list's owner, 2: committed, 3: open)")
                    .isEqualTo(Version.of(3));
        });
    }

    @Test
    void shouldReadNoTrackedTableWhenNothingWasCommittedSinceTheVersion() throws SQLException {
        store.addTask(list.id(), "task");
        // The poll's housekeeping (the emulation's retention cleanup) is due at the first poll; done here, it is
        // not due again during the test, and what is recorded is the read alone.
        database.dialect().cleanup(database.dataSource()).cleanupWhenDue();
        Version current = source().currentVersion();
        List<String> statements = new ArrayList<>();
        ChangeSource<ListChange> source = TrackedTables.changeSource(database.dialect(), recording(statements));

        assertThat(source.changesSince(current).changes()).isEmpty();
        List<String> tableReads = DialectStatements.all(H2TableChanges.class, database.dialect()).stream()
                .flatMap(table -> Stream.of(table.selectChanges(), table.selectPageEnd())).toList();
        assertThat(tableReads).isNotEmpty();
        assertThat(statements).as("an idle poll reads the current and the (one, database-wide) min valid version only")
                .doesNotContainAnyElementsOf(tableReads)
                .containsExactly(database.dialect().selectCurrentVersion(), H2TableChanges.SELECT_MIN_VALID_VERSION);

        store.addTask(list.id(), "another");
        assertThat(source.changesSince(current).changes()).as("and reads them again once something was")
                .extracting(change -> ((TaskChange) change.payload()).task().title()).containsExactly("another");
    }

    @Test
    void shouldRejectAVersionTheMinValidVersionPassedThoughNothingWasCommittedSince() throws SQLException {
        ChangeSource<ListChange> source = source();
        store.addTask(list.id(), "task");
        Version current = source.currentVersion();
        // What re-enabling tracking does on SQL Server: the min valid version above every committed change.
        try (Connection connection = database.dataSource().getConnection()) {
            PlainSql.execute(connection, "UPDATE ct_min_valid SET v = ? WHERE id = 1", current.value() + 5);
        }

        assertThatThrownBy(() -> source.changesSince(current)).isInstanceOfSatisfying(VersionTooOldException.class,
                e -> assertThat(e.minValidVersion()).isEqualTo(Version.of(current.value() + 5)));
    }

    /** The data source of the test's database, noting the SQL of every statement prepared through it. */
    private DataSource recording(List<String> statements) {
        return InterceptedDataSource.of(database.dataSource(), (method, arguments) -> {
            if (method.getName().equals("prepareStatement")) {
                statements.add((String) arguments[0]);
            }
        });
    }

    @Test
    void shouldNotReuseAVersionWhenTheDatabaseReopens() throws SQLException {
        ChangeSource<ListChange> source = source();
        store.addTask(list.id(), "before");
        Version before = source.currentVersion();
        String lastTransaction = query("SELECT tx FROM ct_version");
        long lastTransactionId = Long.parseLong(lastTransaction.substring(lastTransaction.lastIndexOf(':') + 1));
        database.shutdown();

        // TRANSACTION_ID() restarts after a reopen: make the first tracked write run in a transaction with
        // the same id as the last tracked write before it.
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            long transactionId = -1;
            for (int attempt = 0; attempt < 1_000 && transactionId < lastTransactionId; attempt++) {
                PlainSql.execute(connection, "UPDATE task_list SET name = name WHERE id = ?", list.id());
                transactionId = Long.parseLong(query(connection, "SELECT TRANSACTION_ID()"));
                if (transactionId == lastTransactionId) {
                    PlainSql.insertTask(connection, list.id(), "after");
                }
                connection.commit();
            }
            assertThat(transactionId).as("a transaction reached id %d", lastTransactionId).isEqualTo(lastTransactionId);
        }

        assertThat(source.changesSince(before).changes()).extracting(Change::version).containsExactly(Version.of(before.value() + 1));
    }

    /**
     * Waits until the database's own clock, which the emulation's retention is compared with, has moved on by
     * more than {@code age} from now.
     */
    private void awaitDatabaseClockPast(Duration age) throws SQLException {
        java.time.Instant start = databaseNow();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> databaseNow().isAfter(start.plus(age)));
    }

    private java.time.Instant databaseNow() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            return query(connection, sql);
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
