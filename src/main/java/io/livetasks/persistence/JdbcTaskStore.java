package io.livetasks.persistence;

import io.livetasks.task.DataAccessException;
import io.livetasks.task.ListNotFoundException;
import io.livetasks.task.ListSnapshot;
import io.livetasks.task.Member;
import io.livetasks.task.MemberStore;
import io.livetasks.task.Role;
import io.livetasks.task.Task;
import io.livetasks.task.TaskList;
import io.livetasks.task.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A {@link TaskStore} and {@link MemberStore} over plain JDBC: each method is one short transaction running a dialect's
 * {@link TaskSql}. Writes are retried when the database reports a transient failure (deadlock victim,
 * lock timeout), which the change-tracking emulation on H2 makes more likely.
 *
 * <p>A title-only update never names {@code completed} in its SET list: SQL Server's change tracking
 * reports every column in the SET list as updated, and "completed" would then be reported for a rename.
 */
public final class JdbcTaskStore implements TaskStore, MemberStore {

    private final DataSource dataSource;
    private final TaskSql sql;
    private final int snapshotIsolation;
    private final Predicate<SQLException> transientFailure;
    private final Predicate<SQLException> unavailable;

    /**
     * @param snapshotIsolation the JDBC isolation level at which several statements see one snapshot
     * @param transientFailure  whether a failed write transaction is worth running again
     * @param unavailable       whether a failure means the database is unreachable or busy (see
     *                          {@link DataAccessException#isUnavailable()})
     */
    public JdbcTaskStore(DataSource dataSource, TaskSql sql, int snapshotIsolation,
                         Predicate<SQLException> transientFailure, Predicate<SQLException> unavailable) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.snapshotIsolation = snapshotIsolation;
        this.transientFailure = transientFailure;
        this.unavailable = unavailable;
    }

    /** The task store of {@code dialect}, with its discovered {@link TaskStatements}. */
    public static JdbcTaskStore of(Dialect dialect, DataSource dataSource) {
        return new JdbcTaskStore(dataSource, DialectStatements.one(TaskStatements.class, dialect).sql(),
                dialect.snapshotIsolation(), dialect::isTransient, dialect::isUnavailable);
    }

    @Override
    public TaskList createList(String name, String owner) {
        return transaction("create list", connection -> {
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
    public boolean share(long listId, String user, Role role) {
        return transaction("share list", connection -> {
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
    public boolean unshare(long listId, String user) {
        return transaction("unshare list", connection -> update(connection, sql.deleteMember(), listId, user) > 0);
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
    public Task addTask(long listId, String title) {
        List<Task> added = transaction("add task", connection -> tasks(connection, sql.insertTask(), title, listId));
        if (added.isEmpty()) {
            throw new ListNotFoundException(listId);
        }
        return added.get(0);
    }

    @Override
    public Optional<Task> updateTask(long taskId, String title, Boolean completed) {
        List<Task> updated = transaction("update task", connection -> {
            if (title != null && completed != null) {
                return tasks(connection, sql.updateBoth(), title, completed, taskId);
            } else if (title != null) {
                return tasks(connection, sql.updateTitle(), title, taskId);
            } else if (completed != null) {
                return tasks(connection, sql.updateCompleted(), completed, taskId);
            }
            return tasks(connection, sql.selectTask(), taskId);
        });
        return updated.stream().findFirst();
    }

    @Override
    public boolean deleteTask(long taskId) {
        return transaction("delete task", connection -> {
            try (PreparedStatement statement = prepare(connection, sql.deleteTask(), taskId)) {
                return statement.executeUpdate() > 0;
            }
        });
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
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
