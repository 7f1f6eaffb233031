package io.livetasks.persistence.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeSource;
import io.livetasks.changefeed.Version;
import io.livetasks.persistence.Database;
import io.livetasks.persistence.JdbcPublishOutbox;
import io.livetasks.persistence.TrackedTables;
import io.livetasks.publish.PublishCommand;
import io.livetasks.publish.PublishCommand.Action;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publish outbox on H2: appended commands come out of its change source in commit order; the cleanup deletes old ones. */
class H2PublishOutboxTest {

    private final H2TestDatabase h2 = new H2TestDatabase();
    private final JdbcPublishOutbox outbox = new JdbcPublishOutbox(new Database(h2.dataSource(), Database.Migrate.OFF));
    private final ChangeSource<PublishCommand> source = TrackedTables.publishCommands(h2.dialect(), h2.dataSource());

    @AfterEach
    void close() throws Exception {
        h2.close();
    }

    @Test
    void shouldReadAppendedCommandsInCommitOrder() throws Exception {
        Version start = source.currentVersion();
        PublishCommand send = new PublishCommand("telemetry", Action.SEND_TO_GROUP, "room", null, "{\"target\":\"t\",\"arguments\":[1]}");
        PublishCommand join = new PublishCommand("telemetry", Action.ADD_USER_TO_GROUP, "room", "alice", null);
        outbox.append(send);
        outbox.append(join);

        ChangeBatch<PublishCommand> batch = source.changesSince(start);

        assertThat(batch.changes()).extracting(Change::payload).containsExactly(send, join);
        assertThat(batch.changes().get(0).version().isBefore(batch.changes().get(1).version())).isTrue();
        assertThat(source.changesSince(batch.toVersion()).changes()).isEmpty();
    }

    @Test
    void shouldDeleteOnlyOldCommandsAndNotDeliverThemAfterwards() throws Exception {
        Version start = source.currentVersion();
        PublishCommand old = new PublishCommand("tasks", Action.SEND_TO_ALL, null, null, "{\"target\":\"old\",\"arguments\":[]}");
        PublishCommand recent = new PublishCommand("tasks", Action.SEND_TO_ALL, null, null, "{\"target\":\"new\",\"arguments\":[]}");
        outbox.append(old);
        outbox.append(recent);
        try (Connection connection = h2.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE publish_outbox SET created_at = DATEADD(HOUR, -2, created_at) WHERE message LIKE '%old%'");
        }

        assertThat(outbox.deleteOlderThan(Duration.ofHours(1))).isEqualTo(1);

        assertThat(source.changesSince(start).changes()).extracting(Change::payload).containsExactly(recent);
    }
}
