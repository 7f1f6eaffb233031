package io.livetasks.persistence.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.Version;
import io.livetasks.persistence.ChangeReader;
import io.livetasks.persistence.Dialect;
import io.livetasks.persistence.DialectContract;
import io.livetasks.task.Precondition;
import io.livetasks.task.Recording;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import io.livetasks.task.Written;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dialect contract on H2, a fresh file database per test. */
class H2DialectTest extends DialectContract {

    private H2TestDatabase database;

    @BeforeEach
    void openDatabase() {
        database = new H2TestDatabase();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        database.close();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    protected Dialect dialect() {
        return database.dialect();
    }

    /** Beyond the contract's "not below": the emulation reads its own transaction's version, so it is exact. */
    @Test
    void shouldReportExactlyTheChangeVersionOfEachWrite() throws SQLException {
        TaskList list = store().createList("list", "alice");
        Version before = source().currentVersion();

        Written<Task> added = store().addTask(list.id(), "task", Recording.none());
        Written<Task> updated = store().updateTask(added.value().id(), null, true, Precondition.NONE, Recording.none());

        List<Change<TaskChange>> changes = ChangeReader.changesOf(list.id(), source().changesSince(before));
        assertThat(changes).singleElement().satisfies(change -> assertThat(change.version().value())
                .isEqualTo(updated.changeVersion()));
        assertThat(added.changeVersion()).isGreaterThan(before.value()).isLessThan(updated.changeVersion());
    }

    @Override
    public void forgetChangesThrough(Version version) throws SQLException {
        database.dialect().cleanup(database.dataSource()).purgeThrough(version);
    }
}
