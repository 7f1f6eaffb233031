package io.livetasks.persistence;

import io.livetasks.task.ListChange;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.TaskChange;
import io.livetasks.task.MemberStore;
import io.livetasks.task.TaskStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;

/**
 * What every dialect must do, written once and run against each real database engine (H2 in
 * {@code H2DialectTest}, SQL Server in {@code SqlServerDialectTest}). The tests live in the interfaces
 * this class implements, one per concern. They do not depend on each other or on a fresh database: each
 * creates its own lists and reads changes from a version it took itself.
 */
public abstract class DialectContract
        implements TaskStoreContract, ChangeFeedContract, ConcurrencyContract, MemberChangeContract,
        MemberStoreContract, PresenceContract, WriteSafetyContract {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private JdbcTaskStore store;
    private ChangeSource<ListChange> source;

    /** The dialect under test, started, over {@link #dataSource()}. */
    protected abstract Dialect dialect();

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Override
    public final TaskStore store() {
        if (store == null) {
            store = JdbcTaskStore.of(dialect(), dataSource());
        }
        return store;
    }

    @Override
    public final MemberStore members() {
        store();
        return store;
    }

    @Override
    public final ChangeSource<ListChange> source() {
        if (source == null) {
            source = TrackedTables.changeSource(dialect(), dataSource());
        }
        return source;
    }

    @Override
    public final Dialect dialectUnderTest() {
        return dialect();
    }

    @Override
    public final ExecutorService executor() {
        return executor;
    }
}
