package io.livetasks.persistence;

import io.livetasks.changefeed.Version;
import io.livetasks.task.ListChange;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.task.TaskChange;
import io.livetasks.task.MemberStore;
import io.livetasks.task.TaskStore;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/** What the parts of {@link DialectContract} work with; {@link DialectContract} provides it per dialect. */
interface DialectFixture {

    /** Who creates the lists of the contract tests (their owner). */
    String OWNER = "alice";

    /** A migrated database. */
    DataSource dataSource();

    TaskStore store();

    /** The same store's memberships. */
    MemberStore members();

    ChangeSource<ListChange> source();

    /** Threads for concurrent writers, stopped after each test. */
    ExecutorService executor();

    /**
     * Makes the database forget the changes up to at least {@code version}, as its retention cleanup
     * eventually does, so that the min valid version rises above older versions.
     */
    void forgetChangesThrough(Version version) throws SQLException;
}
