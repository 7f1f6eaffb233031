package io.livetasks.persistence;

import static io.livetasks.persistence.ChangeReader.changesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.Version;
import io.livetasks.task.IdempotencyKey;
import io.livetasks.task.IdempotencyKeyInUseException;
import io.livetasks.task.IdempotencyRecord;
import io.livetasks.task.IdempotencyStore;
import io.livetasks.task.Precondition;
import io.livetasks.task.PreconditionFailedException;
import io.livetasks.task.Recording;
import io.livetasks.task.StoredResponse;
import io.livetasks.task.Task;
import io.livetasks.task.TaskChange;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskNotFoundException;
import io.livetasks.task.Written;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link DialectContract}: row versions (every update changes them, plain SQL too), conditional writes
 * checked by the write itself, idempotency keys recorded in the write's transaction, and the change version a
 * write reports, which is never below the version the change feed gives its change.
 */
interface WriteSafetyContract extends DialectFixture {

    /** The idempotency keys of the store under test. */
    default IdempotencyStore keys() {
        return (IdempotencyStore) store();
    }

    private static IdempotencyKey newKey(String user) {
        return new IdempotencyKey(user, UUID.randomUUID().toString(), "0".repeat(64));
    }

    private static StoredResponse answer(Object written) {
        return new StoredResponse(201, "{\"written\":\"" + written + "\"}", "http://localhost/x", "\"etag\"");
    }

    @Test
    default void shouldGiveEveryTaskARowVersionThatEveryUpdateChanges() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        Task renamed = store().updateTask(task.id(), "renamed", null).orElseThrow();
        Task done = store().updateTask(task.id(), null, true).orElseThrow();

        assertThat(task.rowVersion()).matches("[0-9a-f]{16}");
        assertThat(List.of(task.rowVersion(), renamed.rowVersion(), done.rowVersion())).doesNotHaveDuplicates();
        assertThat(store().task(task.id()).orElseThrow().rowVersion()).isEqualTo(done.rowVersion());
    }

    @Test
    default void shouldChangeTheRowVersionOnAPlainSqlUpdate() throws SQLException {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "UPDATE task SET title = ? WHERE id = ?", "by a DBA", task.id());
        }

        Task now = store().task(task.id()).orElseThrow();

        assertThat(now.title()).isEqualTo("by a DBA");
        assertThat(now.rowVersion()).matches("[0-9a-f]{16}").isNotEqualTo(task.rowVersion());
    }

    @Test
    default void shouldChangeTheRowVersionEvenOnAnUpdateThatChangesNoValue() throws SQLException {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "UPDATE task SET title = title WHERE id = ?", task.id());
        }

        assertThat(store().task(task.id()).orElseThrow().rowVersion()).isNotEqualTo(task.rowVersion());
    }

    @Test
    default void shouldUpdateWhenTheRowVersionMatches() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");

        Written<Task> updated = store().updateTask(task.id(), "mine", null, Precondition.oneOf(Set.of(task.rowVersion())),
                Recording.none());

        assertThat(updated.value().title()).isEqualTo("mine");
        assertThat(updated.value().rowVersion()).isNotEqualTo(task.rowVersion());
    }

    @Test
    default void shouldRefuseAnUpdateWithAStaleRowVersionAndKeepTheOtherChange() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        Task theirs = store().updateTask(task.id(), "theirs", null).orElseThrow();

        assertThatThrownBy(() -> store().updateTask(task.id(), "mine", true, Precondition.oneOf(Set.of(task.rowVersion())),
                Recording.none()))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        failed -> assertThat(failed.current()).isEqualTo(theirs));
        assertThat(store().task(task.id())).contains(theirs);
    }

    @Test
    default void shouldAcceptAnyOfSeveralRowVersionsAndIgnoreOnesThatCannotExist() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");

        Written<Task> updated = store().updateTask(task.id(), null, true,
                Precondition.oneOf(Set.of("not-a-version", "ffffffffffffffff", task.rowVersion())), Recording.none());

        assertThat(updated.value().completed()).isTrue();
    }

    @Test
    default void shouldRefuseADeleteWithAStaleRowVersionAndKeepTheTask() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        Task theirs = store().updateTask(task.id(), null, true).orElseThrow();

        assertThatThrownBy(() -> store().deleteTask(task.id(), Precondition.oneOf(Set.of(task.rowVersion())), Recording.none()))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        failed -> assertThat(failed.current()).isEqualTo(theirs));
        assertThat(store().task(task.id())).contains(theirs);

        store().deleteTask(task.id(), Precondition.oneOf(Set.of(theirs.rowVersion())), Recording.none());
        assertThat(store().task(task.id())).isEmpty();
    }

    @Test
    default void shouldReportAMissingTaskOnAConditionalWriteAsNotFound() {
        Precondition any = Precondition.oneOf(Set.of("0000000000000001"));

        assertThatThrownBy(() -> store().updateTask(987_654_321L, "x", null, any, Recording.none()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> store().deleteTask(987_654_321L, any, Recording.none()))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    default void shouldRecordTheKeyWithTheAnswerAndTheChangeVersionOfTheWrite() {
        TaskList list = store().createList("list", OWNER);
        IdempotencyKey key = newKey(OWNER);

        Written<Task> added = store().addTask(list.id(), "task", Recording.of(key, WriteSafetyContract::answer));

        IdempotencyRecord record = keys().findKey(OWNER, key.key()).orElseThrow();
        assertThat(record.inFlight()).isFalse();
        assertThat(record.requestHash()).isEqualTo(key.requestHash());
        assertThat(record.response()).isEqualTo(answer(added.value()));
        assertThat(record.changeVersion()).isEqualTo(added.changeVersion());
        assertThat(keys().findKey("someone-else", key.key())).isEmpty();
    }

    @Test
    default void shouldRefuseASecondWriteWithATakenKeyAndWriteNothing() {
        TaskList list = store().createList("list", OWNER);
        IdempotencyKey key = newKey(OWNER);
        store().addTask(list.id(), "first", Recording.of(key, WriteSafetyContract::answer));

        assertThatThrownBy(() -> store().addTask(list.id(), "second", Recording.of(key, WriteSafetyContract::answer)))
                .isInstanceOf(IdempotencyKeyInUseException.class);
        assertThat(store().snapshot(list.id(), OWNER).orElseThrow().tasks()).extracting(Task::title).containsExactly("first");
    }

    @Test
    default void shouldNotRecordTheKeyOfAWriteThatFailed() {
        Task task = store().addTask(store().createList("list", OWNER).id(), "task");
        store().updateTask(task.id(), "theirs", null);
        IdempotencyKey key = newKey(OWNER);

        assertThatThrownBy(() -> store().updateTask(task.id(), "mine", null, Precondition.oneOf(Set.of(task.rowVersion())),
                Recording.of(key, WriteSafetyContract::answer))).isInstanceOf(PreconditionFailedException.class);

        assertThat(keys().findKey(OWNER, key.key())).isEmpty();
    }

    @Test
    default void shouldShowAKeyWhoseWriteIsStillInFlight() throws SQLException {
        IdempotencyKey key = newKey(OWNER);
        try (Connection inFlight = dataSource().getConnection()) {
            inFlight.setAutoCommit(false);
            PlainSql.execute(inFlight, "INSERT INTO idempotency_key (user_name, idem_key, request_hash) VALUES (?, ?, ?)",
                    OWNER, key.key(), key.requestHash());

            assertThat(keys().findKey(OWNER, key.key())).hasValueSatisfying(record -> assertThat(record.inFlight()).isTrue());
            inFlight.rollback();
        }
        assertThat(keys().findKey(OWNER, key.key())).isEmpty();
    }

    /**
     * An answer recorded by a transaction that has not committed may still roll back with its write: it is either
     * reported in flight (H2, or SQL Server with READ_COMMITTED_SNAPSHOT) or read once committed (SQL Server's
     * READ COMMITTED waits for the writer), never replayed before.
     */
    @Test
    default void shouldNotReplayAnAnswerWhoseWriteHasNotCommittedYet() throws Exception {
        IdempotencyKey key = newKey(OWNER);
        try (Connection committing = dataSource().getConnection()) {
            committing.setAutoCommit(false);
            PlainSql.execute(committing, "INSERT INTO idempotency_key (user_name, idem_key, request_hash, status, body, "
                    + "change_version) VALUES (?, ?, ?, 201, '{}', 1)", OWNER, key.key(), key.requestHash());

            Future<Optional<IdempotencyRecord>> found = executor().submit(() -> keys().findKey(OWNER, key.key()));
            Optional<IdempotencyRecord> beforeCommit;
            try {
                beforeCommit = found.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException waitingForTheCommit) {
                beforeCommit = null;
            }
            if (beforeCommit != null) {
                assertThat(beforeCommit).hasValueSatisfying(record -> assertThat(record.inFlight()).isTrue());
            }
            committing.commit();
            if (beforeCommit == null) {
                assertThat(found.get(20, TimeUnit.SECONDS)).hasValueSatisfying(record -> assertThat(record.inFlight()).isFalse());
            }
        }
        assertThat(keys().findKey(OWNER, key.key())).hasValueSatisfying(record -> {
            assertThat(record.inFlight()).isFalse();
            assertThat(record.response().status()).isEqualTo(201);
        });
    }

    @Test
    default void shouldReportAChangeVersionNotBelowTheVersionOfTheWritesChange() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        Version[] read = {source().currentVersion()};
        java.util.function.Supplier<List<Change<TaskChange>>> next = () -> {
            try {
                var batch = source().changesSince(read[0]);
                read[0] = batch.toVersion();
                return changesOf(list.id(), batch);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };

        Written<Task> added = store().addTask(list.id(), "task", Recording.none());
        List<Change<TaskChange>> addition = next.get();
        Written<Task> updated = store().updateTask(added.value().id(), "renamed", null, Precondition.NONE, Recording.none());
        List<Change<TaskChange>> update = next.get();
        Written<Long> deleted = store().deleteTask(added.value().id(), Precondition.NONE, Recording.none());
        List<Change<TaskChange>> deletion = next.get();

        assertThat(addition).singleElement().satisfies(change -> {
            assertThat(change.payload().action()).isEqualTo(TaskChange.ADDED);
            assertThat(change.version().value()).isLessThanOrEqualTo(added.changeVersion());
        });
        assertThat(update).singleElement().satisfies(change -> {
            assertThat(change.payload().task()).isEqualTo(updated.value());
            assertThat(change.version().value()).isLessThanOrEqualTo(updated.changeVersion());
        });
        assertThat(deletion).singleElement().satisfies(change -> {
            assertThat(change.payload().action()).isEqualTo(TaskChange.DELETED);
            assertThat(change.version().value()).isLessThanOrEqualTo(deleted.changeVersion());
        });
    }

    @Test
    default void shouldPurgeKeysOlderThanTheWindowOnly() throws SQLException {
        TaskList list = store().createList("list", OWNER);
        IdempotencyKey old = newKey(OWNER);
        IdempotencyKey recent = newKey(OWNER);
        store().addTask(list.id(), "old", Recording.of(old, WriteSafetyContract::answer));
        store().addTask(list.id(), "recent", Recording.of(recent, WriteSafetyContract::answer));
        try (Connection connection = dataSource().getConnection()) {
            PlainSql.execute(connection, "UPDATE idempotency_key SET created_at = DATEADD(HOUR, -25, created_at) WHERE idem_key = ?",
                    old.key());
        }

        while (keys().deleteKeysOlderThan(Duration.ofHours(24)) > 0) {
            // Other tests' keys may be old too (a shared SQL Server): purge until nothing is left.
        }

        assertThat(keys().findKey(OWNER, old.key())).isEmpty();
        assertThat(keys().findKey(OWNER, recent.key())).isPresent();
    }
}
