package io.livetasks.it.noloss;

import io.livetasks.it.cluster.ClusterDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the way a batch job would, bypassing the API: plain SQL on its own connection, transactions of
 * several rows (inserts, updates and deletes, possibly across lists), which share one version.
 */
final class SqlWriter implements Runnable {

    private static final int ATTEMPTS = 3;

    private final ClusterDatabase database;
    private final WriterPool pool;
    private final Random random;

    SqlWriter(ClusterDatabase database, WriterPool pool, long seed) {
        this.database = database;
        this.pool = pool;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            int rows;
            while ((rows = pool.claim(1 + random.nextInt(5))) > 0) {
                transaction(connection, rows);
            }
        } catch (SQLException e) {
            pool.failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void transaction(Connection connection, int rows) throws SQLException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<Runnable> afterCommit = new ArrayList<>();
            try {
                int changed = 0;
                for (int i = 0; i < rows; i++) {
                    changed += change(connection, afterCommit);
                }
                connection.commit();
                afterCommit.forEach(Runnable::run);
                pool.sqlTransactions.incrementAndGet();
                pool.changes.addAndGet(changed);
                return;
            } catch (SQLException e) {
                connection.rollback();
                if (!database.isTransient(e) || attempt == ATTEMPTS) {
                    pool.failures.incrementAndGet();
                    return;
                }
            }
        }
    }

    /** One row change inside the open transaction; the rows it changed (0 when the task was gone). */
    private int change(Connection connection, List<Runnable> afterCommit) throws SQLException {
        long listId = pool.randomList(random);
        long taskId = pool.randomTask(listId, random);
        int dice = random.nextInt(100);
        if (taskId < 0 || dice < 50) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO task (list_id, title) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, listId);
                insert.setString(2, "sql " + random.nextInt(1_000_000));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (keys.next()) {
                        long id = keys.getLong(1);
                        afterCommit.add(() -> pool.added(listId, id));
                    }
                }
                return 1;
            }
        } else if (dice < 85) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE task SET title = ?, completed = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                update.setString(1, "sql edit " + random.nextInt(1_000_000));
                update.setBoolean(2, random.nextBoolean());
                update.setLong(3, taskId);
                return update.executeUpdate();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM task WHERE id = ?")) {
            delete.setLong(1, taskId);
            afterCommit.add(() -> pool.removed(listId, taskId));
            return delete.executeUpdate();
        }
    }
}
