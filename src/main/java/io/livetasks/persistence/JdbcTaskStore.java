package io.livetasks.persistence;

import io.livetasks.task.DataAccessException;
import io.livetasks.task.IdempotencyKey;
import io.livetasks.task.IdempotencyKeyInUseException;
import io.livetasks.task.IdempotencyRecord;
import io.livetasks.task.IdempotencyStore;
import io.livetasks.task.ListNotFoundException;
import io.livetasks.task.ListSnapshot;
import io.livetasks.task.Member;
import io.livetasks.task.MemberNotFoundException;
import io.livetasks.task.MemberStore;
import io.livetasks.task.Precondition;
import io.livetasks.task.PreconditionFailedException;
import io.livetasks.task.Recording;
import io.livetasks.task.Role;
import io.livetasks.task.StoredResponse;
import io.livetasks.task.Task;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskNotFoundException;
import io.livetasks.task.TaskStore;
import io.livetasks.task.Written;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A {@link TaskStore}, {@link MemberStore} and {@link IdempotencyStore} over plain JDBC: each method is one short
 * transaction running a dialect's {@link TaskSql}. Writes are retried when the database reports a transient
 * failure (deadlock victim, lock timeout), which the change-tracking emulation on H2 makes more likely.
 *
 * <p>A title-only update never names {@code completed} in its SET list: SQL Server's change tracking
 * reports every column in the SET list as updated, and "completed" would then be reported for a rename.
 *
 * <p>Every write of the API ({@link #write}) runs, in one transaction: the idempotency key's placeholder
 * (first, so that a second request with the key waits for or fails on it), the write, which throws to roll
 * everything back when it finds nothing to write or a row version that does not match, and the key's answer.
 * Its change version ({@link Written}) is read inside the transaction where the database can tell it
 * ({@link TaskSql#selectWriteVersion()}: H2's emulation, exact). SQL Server assigns a transaction's change
 * version only as it commits, so there it is the current version read right after the commit: every version
 * up to it is committed, ours among them, so it is never lower than ours (it may be higher when others
 * committed meanwhile, which only makes a client wait a little longer). It is then also recorded with the key.
 */
public final class JdbcTaskStore implements TaskStore, MemberStore, IdempotencyStore {

    /** A NULL parameter of type BIGINT (an expected row version of "any", a change version not known yet). */
    private static final Object NULL_BIGINT = new Object();

    private final DataSource dataSource;
    private final TaskSql sql;
    private final IdempotencyKeyStatements keys;
    private final int snapshotIsolation;
    private final Predicate<SQLException> transientFailure;
    private final Predicate<SQLException> unavailable;

    /**
     * @param snapshotIsolation the JDBC isolation level at which several statements see one snapshot
     * @param transientFailure  whether a failed write transaction is worth running again
     * @param unavailable       whether a failure means the database is unreachable or busy (see
     *                          {@link DataAccessException#isUnavailable()})
     */
    public JdbcTaskStore(DataSource dataSource, TaskSql sql, IdempotencyKeyStatements keys, int snapshotIsolation,
                         Predicate<SQLException> transientFailure, Predicate<SQLException> unavailable) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.keys = keys;
        this.snapshotIsolation = snapshotIsolation;
        this.transientFailure = transientFailure;
        this.unavailable = unavailable;
    }

    /** The task store of {@code dialect}, with its discovered {@link TaskStatements}. */
    public static JdbcTaskStore of(Dialect dialect, DataSource dataSource) {
        return new JdbcTaskStore(dataSource, DialectStatements.one(TaskStatements.class, dialect).sql(),
                DialectStatements.one(IdempotencyKeyStatements.class, dialect),
                dialect.snapshotIsolation(), dialect::isTransient, dialect::isUnavailable);
    }

    @Override
    public Written<TaskList> createList(String name, String owner, Recording<TaskList> recording) {
        return write("create list", recording, connection -> {
            TaskList created;
            try (PreparedStatement statement = prepare(connection, sql.insertList(), name);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                created = TaskRows.list(rows, Role.OWNER.value());
            }
            update(connection, sql.insertMember(), created.id(), owner, Role.OWNER.value());
            return created;
        });
    }

    @Override
    public List<TaskList> lists(String user) {
        return transaction("read lists", connection -> lists(connection, sql.selectLists(), user));
    }

    @Override
    public Optional<TaskList> list(long listId, String user) {
        return transaction("read list", connection -> lists(connection, sql.selectList(), listId, user)).stream().findFirst();
    }

    @Override
    public Optional<Task> task(long taskId) {
        return transaction("read task", connection -> tasks(connection, sql.selectTask(), taskId)).stream().findFirst();
    }

    @Override
    public List<Member> members(long listId) {
        return transaction("read members", connection -> {
            List<Member> members = new ArrayList<>();
            try (PreparedStatement statement = prepare(connection, sql.selectMembers(), listId);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    members.add(new Member(rows.getString("user_name"), rows.getString("role")));
                }
            }
            return members;
        });
    }

    @Override
    public Optional<Role> role(long listId, String user) {
        return transaction("read role", connection -> role(connection, listId, user));
    }

    @Override
    public Written<Boolean> share(long listId, String user, Role role, Recording<Boolean> recording) {
        return write("share list", recording, connection -> {
            Optional<Role> current = role(connection, listId, user);
            if (current.isEmpty()) {
                update(connection, sql.insertMember(), listId, user, role.value());
                return true;
            }
            if (current.get() == role) {
                return false;
            }
            update(connection, sql.updateMember(), role.value(), listId, user);
            return true;
        });
    }

    @Override
    public Written<Boolean> unshare(long listId, String user, Recording<Boolean> recording) {
        return write("unshare list", recording, connection -> {
            if (update(connection, sql.deleteMember(), listId, user) == 0) {
                throw new MemberNotFoundException(listId, user);
            }
            return true;
        });
    }

    private Optional<Role> role(Connection connection, long listId, String user) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql.selectRole(), listId, user);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(Role.of(rows.getString("role"))) : Optional.empty();
        }
    }

    private static int update(Connection connection, String statementSql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, statementSql, parameters)) {
            return statement.executeUpdate();
        }
    }

    @Override
    public Optional<ListSnapshot> snapshot(long listId, String user) {
        try {
            return Jdbc.inTransaction(dataSource, snapshotIsolation, transientFailure, connection -> {
                // The version first: where it is not read from the snapshot (SQL Server's function reads no
                // table), reading it last could name changes the rows do not show yet: a gap. Read first,
                // it can only be older than the rows: a change delivered twice, which is harmless.
                long version = Jdbc.queryLong(connection, sql.selectVersion());
                List<TaskList> list = lists(connection, sql.selectList(), listId, user);
                if (list.isEmpty()) {
                    return Optional.<ListSnapshot>empty();
                }
                List<Task> tasks = tasks(connection, sql.selectTasks(), listId);
                return Optional.of(new ListSnapshot(list.get(0), tasks, version));
            });
        } catch (SQLException e) {
            throw new DataAccessException("Cannot read list " + listId, e, unavailable.test(e));
        }
    }

    @Override
    public Written<Task> addTask(long listId, String title, Recording<Task> recording) {
        return write("add task", recording, connection -> {
            List<Task> added = tasks(connection, sql.insertTask(), title, listId);
            if (added.isEmpty()) {
                throw new ListNotFoundException(listId);
            }
            return added.get(0);
        });
    }

    @Override
    public Written<Task> updateTask(long taskId, String title, Boolean completed, Precondition precondition,
                                    Recording<Task> recording) {
        String statement;
        List<Object> values = new ArrayList<>();
        if (title != null && completed != null) {
            statement = sql.updateBoth();
            values.addAll(List.of(title, completed));
        } else if (title != null) {
            statement = sql.updateTitle();
            values.add(title);
        } else if (completed != null) {
            statement = sql.updateCompleted();
            values.add(completed);
        } else {
            throw new IllegalArgumentException("Nothing to change in task " + taskId);
        }
        values.add(taskId);
        return write("update task", recording, connection -> {
            for (Object expected : expectedRowVersions(precondition)) {
                Object[] parameters = values.toArray(new Object[values.size() + 1]);
                parameters[values.size()] = expected;
                List<Task> updated = tasks(connection, statement, parameters);
                if (!updated.isEmpty()) {
                    return updated.get(0);
                }
            }
            throw notWritten(connection, taskId);
        });
    }

    @Override
    public Written<Long> deleteTask(long taskId, Precondition precondition, Recording<Long> recording) {
        return write("delete task", recording, connection -> {
            for (Object expected : expectedRowVersions(precondition)) {
                if (update(connection, sql.deleteTask(), taskId, expected) > 0) {
                    return taskId;
                }
            }
            throw notWritten(connection, taskId);
        });
    }

    /**
     * The expected row versions to try, one statement each (SQL has no portable "IN (list)" parameter): a
     * NULL for "any". Each statement checks and writes atomically; the first that writes wins. Row versions
     * that cannot exist are left out ({@link RowVersions#parse}).
     */
    private static List<Object> expectedRowVersions(Precondition precondition) {
        if (!precondition.isConditional()) {
            return Arrays.asList(NULL_BIGINT);
        }
        return new ArrayList<>(RowVersions.parse(precondition.rowVersions()));
    }

    /** Why a conditional write wrote nothing, read in its transaction: the task is gone, or it has another row version. */
    private RuntimeException notWritten(Connection connection, long taskId) throws SQLException {
        List<Task> current = tasks(connection, sql.selectTask(), taskId);
        return current.isEmpty() ? new TaskNotFoundException(taskId) : new PreconditionFailedException(current.get(0));
    }

    /**
     * Runs an API write in one transaction with its idempotency key (see the class comment), and returns its
     * result with the change version of its commit.
     */
    private <T> Written<T> write(String what, Recording<T> recording, Jdbc.Work<T> work) {
        IdempotencyKey key = recording.key();
        long[] version = {-1};
        T result = transaction(what, connection -> {
            if (key != null) {
                insertKey(connection, key);
            }
            T written = work.apply(connection);
            Long inTransaction = sql.selectWriteVersion() == null ? null : Jdbc.queryLong(connection, sql.selectWriteVersion());
            if (key != null) {
                StoredResponse answer = recording.response().apply(written);
                update(connection, keys.completeKey(), answer.status(), answer.location(), answer.etag(), answer.body(),
                        inTransaction == null ? NULL_BIGINT : inTransaction, key.user(), key.key());
            }
            version[0] = inTransaction == null ? -1 : inTransaction;
            return written;
        });
        if (version[0] < 0) {
            version[0] = versionAfterCommit(what, key);
        }
        return new Written<>(result, version[0]);
    }

    /**
     * The key's placeholder. Taken already (a committed or in-flight request with the same key: primary key
     * violation, or the lock wait for the in-flight one timed out) is no failure of the database: the caller
     * looks at the key again and answers 409 or replays. Thrown as a runtime exception so that the
     * transaction is rolled back and not retried.
     */
    private void insertKey(Connection connection, IdempotencyKey key) throws SQLException {
        try {
            update(connection, keys.insertKey(), key.user(), key.key(), key.requestHash());
        } catch (SQLException e) {
            if (isIntegrityViolation(e) || transientFailure.test(e)) {
                throw new IdempotencyKeyInUseException();
            }
            throw e;
        }
    }

    private static boolean isIntegrityViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /**
     * The current version, right after the commit (see the class comment), recorded with the key. Should the
     * database fail right here (after transient failures were retried), the write has committed but its answer
     * becomes a 503: a retry with the same idempotency key then gets the write's answer (with the current
     * version, as its own was not recorded); a retry without a key would write again, which is why the API's
     * clients send keys.
     */
    private long versionAfterCommit(String what, IdempotencyKey key) {
        return transaction(what + " (read its change version)", connection -> {
            long current = Jdbc.queryLong(connection, sql.selectVersion());
            if (key != null) {
                update(connection, keys.updateKeyVersion(), current, key.user(), key.key());
            }
            return current;
        });
    }

    /**
     * Read first at READ UNCOMMITTED, so that the placeholder of a request in flight is seen at once (no wait
     * for its transaction). An answer seen that way may still be rolled back with its write (the answer is
     * recorded just before the commit), so a complete answer is read again at READ COMMITTED, and replayed
     * only if it is committed; otherwise the key is still in flight.
     */
    @Override
    public Optional<IdempotencyRecord> findKey(String user, String key) {
        Optional<IdempotencyRecord> seen = readKey(Connection.TRANSACTION_READ_UNCOMMITTED, user, key);
        if (seen.isEmpty() || seen.get().inFlight()) {
            return seen;
        }
        Optional<IdempotencyRecord> committed = readKey(Connection.TRANSACTION_READ_COMMITTED, user, key);
        if (committed.isPresent() && !committed.get().inFlight()) {
            return committed;
        }
        return Optional.of(new IdempotencyRecord(seen.get().requestHash(), null, 0));
    }

    private Optional<IdempotencyRecord> readKey(int isolation, String user, String key) {
        try {
            return Jdbc.inTransaction(dataSource, isolation, transientFailure, connection -> {
                try (PreparedStatement statement = prepare(connection, keys.selectKey(), user, key);
                     ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<IdempotencyRecord>empty();
                    }
                    String hash = rows.getString("request_hash").strip();
                    int status = rows.getInt("status");
                    if (rows.wasNull()) {
                        return Optional.of(new IdempotencyRecord(hash, null, 0));
                    }
                    StoredResponse answer = new StoredResponse(status, rows.getString("body"), rows.getString("location"),
                            rows.getString("etag"));
                    long changeVersion = rows.getLong("change_version");
                    if (rows.wasNull()) {
                        // Committed, but its version was not recorded (the instance stopped right after the
                        // commit): the current version is at least as high, which is what the header promises.
                        changeVersion = Jdbc.queryLong(connection, sql.selectVersion());
                    }
                    return Optional.of(new IdempotencyRecord(hash, answer, changeVersion));
                }
            });
        } catch (SQLException e) {
            throw new DataAccessException("Cannot read an idempotency key", e, unavailable.test(e));
        }
    }

    @Override
    public int deleteKeysOlderThan(Duration age) {
        return transaction("purge idempotency keys", connection -> update(connection, keys.deleteOldKeys(),
                (int) Math.min(age.toHours(), Integer.MAX_VALUE)));
    }

    private <T> T transaction(String what, Jdbc.Work<T> work) {
        try {
            return Jdbc.inTransaction(dataSource, Connection.TRANSACTION_READ_COMMITTED, transientFailure, work);
        } catch (SQLException e) {
            throw new DataAccessException("Cannot " + what, e, unavailable.test(e));
        }
    }

    private static List<TaskList> lists(Connection connection, String query, Object... parameters)
            throws SQLException {
        List<TaskList> lists = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                lists.add(TaskRows.list(rows));
            }
        }
        return lists;
    }

    private static List<Task> tasks(Connection connection, String query, Object... parameters)
            throws SQLException {
        List<Task> tasks = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tasks.add(TaskRows.task(rows));
            }
        }
        return tasks;
    }

    private static PreparedStatement prepare(Connection connection, String query, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(query);
        try {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == NULL_BIGINT) {
                    statement.setNull(i + 1, Types.BIGINT);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
