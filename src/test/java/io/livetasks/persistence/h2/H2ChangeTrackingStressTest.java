package io.livetasks.persistence.h2;

import io.livetasks.persistence.ChangeReader;
import io.livetasks.persistence.TrackedTables;
import io.livetasks.persistence.JdbcTaskStore;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.ListChange;
import io.livetasks.changefeed.Version;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.persistence.Jdbc;
import io.livetasks.persistence.PlainSql;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several writers run multi-row transactions, some of them contending for one shared row (so H2 also
 * picks deadlock victims, which are retried), while a reader polls from each batch's toVersion: every
 * transaction must arrive exactly once, whole, with one version of its own, and versions never go back.
 */
class H2ChangeTrackingStressTest {

    private static final int WRITERS = 4;
    private static final int TRANSACTIONS_PER_WRITER = 120;
    private static final int ROWS_PER_TRANSACTION = 3;

    private final ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
    private H2TestDatabase database;
    private TaskStore store;
    private ChangeSource<ListChange> source;

    @BeforeEach
    void openDatabase() {
        database = new H2TestDatabase();
        store = JdbcTaskStore.of(database.dialect(), database.dataSource());
        source = TrackedTables.changeSource(database.dialect(), database.dataSource());
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        executor.shutdownNow();
        database.close();
    }

    @Test
    void shouldDeliverEveryTransactionOnceWholeAndInCommitOrderWhileWritersRace() throws Exception {
        long listId = store.createList("stress", "alice").id();
        Task shared = store.addTask(listId, "shared");
        Version start = source.currentVersion();
        List<Future<?>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int w = writer;
            writers.add(executor.submit(() -> write(w, listId, shared.id())));
        }

        List<Change<TaskChange>> seen = new ArrayList<>();
        int batchesWithChanges = 0;
        Version version = start;
        while (!writers.stream().allMatch(Future::isDone)) {
            ChangeBatch<ListChange> batch = source.changesSince(version);
            batchesWithChanges += batch.isEmpty() ? 0 : 1;
            seen.addAll(ChangeReader.changesOf(listId, batch));
            version = batch.toVersion();
        }
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }
        seen.addAll(ChangeReader.changesOf(listId, source.changesSince(version)));

        assertThat(batchesWithChanges).as("the reader overlapped the writers").isGreaterThan(1);
        assertThat(seen).extracting(Change::version).as("versions never go back").isSorted();
        List<Change<TaskChange>> inserted = seen.stream()
                .filter(change -> change.payload().taskId() != shared.id()).toList();
        assertThat(inserted).extracting(change -> change.payload().task().title()).doesNotHaveDuplicates()
                .hasSize(WRITERS * TRANSACTIONS_PER_WRITER * ROWS_PER_TRANSACTION);
        Map<String, Set<Version>> versionsByTransaction = inserted.stream().collect(Collectors.groupingBy(
                change -> transactionOf(change.payload().task().title()),
                Collectors.mapping(Change::version, Collectors.toSet())));
        assertThat(versionsByTransaction).hasSize(WRITERS * TRANSACTIONS_PER_WRITER)
                .allSatisfy((transaction, versions) -> assertThat(versions).as(transaction).hasSize(1));
        Map<Version, List<String>> transactionsByVersion = new HashMap<>();
        versionsByTransaction.forEach((transaction, versions) ->
                transactionsByVersion.computeIfAbsent(versions.iterator().next(), v -> new ArrayList<>()).add(transaction));
        assertThat(transactionsByVersion.values()).allSatisfy(transactions -> assertThat(transactions).hasSize(1));
    }

    /** Each transaction inserts its rows and, one in three, also updates the shared row first or last. */
    private Void write(int writer, long listId, long sharedId) throws SQLException {
        for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
            String transaction = "w" + writer + "-t" + t;
            int contention = ThreadLocalRandom.current().nextInt(3);
            runUntilCommitted(connection -> {
                if (contention == 1) {
                    touch(connection, sharedId, transaction);
                }
                for (int r = 0; r < ROWS_PER_TRANSACTION; r++) {
                    PlainSql.insertTask(connection, listId, transaction + "-r" + r);
                }
                if (contention == 2) {
                    touch(connection, sharedId, transaction);
                }
                return null;
            });
        }
        return null;
    }

    /** Deadlock victims are expected here; unlike the store, keep retrying past its few attempts. */
    private void runUntilCommitted(Jdbc.Work<Void> work) throws SQLException {
        while (true) {
            try {
                Jdbc.inTransaction(database.dataSource(), Connection.TRANSACTION_READ_COMMITTED,
                        H2Dialect::isTransientFailure, work);
                return;
            } catch (SQLException e) {
                if (!H2Dialect.isTransientFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static void touch(Connection connection, long sharedId, String transaction) throws SQLException {
        PlainSql.execute(connection, "UPDATE task SET title = ? WHERE id = ?", "shared by " + transaction, sharedId);
    }

    private static String transactionOf(String title) {
        return title.substring(0, title.lastIndexOf("-r"));
    }
}
