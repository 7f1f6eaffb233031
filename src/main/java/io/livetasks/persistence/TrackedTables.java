package io.livetasks.persistence;

import io.livetasks.changefeed.ChangeSource;
import io.livetasks.publish.PublishCommand;
import io.livetasks.task.ListChange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registration of every change-tracked table whose changes are pushed, and the one change source that
 * reads them all in one snapshot per poll. Tracking another table: its migration per dialect, its
 * {@link TableChanges} per dialect (listed in {@code META-INF/services}), its payload type in {@code task}
 * with a row reader here, one line below, and its push target in {@code task.feed}.
 */
@ApplicationScoped
public class TrackedTables {

    private final Database database;
    private final int pageSize;

    /** @param pageSize the most changes (about: whole versions) one poll reads; the next poll reads on */
    @Inject
    public TrackedTables(Database database,
                         @ConfigProperty(name = "livetasks.db.change-page-size", defaultValue = "5000") int pageSize) {
        this.database = database;
        this.pageSize = pageSize;
    }

    /** For the CDI proxy only. */
    protected TrackedTables() {
        this(null, JdbcChangeSource.DEFAULT_PAGE_SIZE);
    }

    @Produces
    @ApplicationScoped
    ChangeSource<ListChange> listChanges() {
        return changeSource(database.dialect(), database.dataSource(), pageSize);
    }

    /**
     * The publish API's outbox ({@code publish_outbox}), a change source of its own: its commands are not list
     * changes, and the publish feed polls it only when the API is configured (see {@code publish.PublishFeed}).
     */
    @Produces
    @ApplicationScoped
    ChangeSource<PublishCommand> publishCommands() {
        return publishCommands(database.dialect(), database.dataSource());
    }

    /** The outbox's change source for {@code dialect} (also used by the dialect tests). */
    public static ChangeSource<PublishCommand> publishCommands(Dialect dialect, DataSource dataSource) {
        return new JdbcChangeSource<PublishCommand>(dataSource, dialect, List.of(
                TrackedTable.of("publish_outbox", dialect, PublishCommandRows::payload)));
    }

    /** The change source of every list's tracked table, for {@code dialect} (also used by the dialect tests). */
    public static ChangeSource<ListChange> changeSource(Dialect dialect, DataSource dataSource) {
        return changeSource(dialect, dataSource, JdbcChangeSource.DEFAULT_PAGE_SIZE);
    }

    /** As {@link #changeSource(Dialect, DataSource)}, reading at most about {@code pageSize} changes per poll. */
    public static ChangeSource<ListChange> changeSource(Dialect dialect, DataSource dataSource, int pageSize) {
        return new JdbcChangeSource<ListChange>(dataSource, dialect, List.of(
                TrackedTable.of("task", dialect, TaskChangeRows::payload),
                TrackedTable.of("list_member", dialect, MemberChangeRows::payload),
                TrackedTable.of("list_presence", dialect, PresenceChangeRows::payload)), pageSize);
    }
}
