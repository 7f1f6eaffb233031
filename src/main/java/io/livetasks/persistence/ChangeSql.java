package io.livetasks.persistence;

/**
 * The statements a {@link JdbcChangeSource} runs, written by each dialect in its own SQL.
 *
 * @param selectMinValidVersion () → one row, one column: the lowest version changes can still be read after
 * @param selectCurrentVersion  () → one row, one column: the version of the last committed change
 * @param selectChanges         (afterVersion, toVersion) → one row per task changed in
 *                              {@code (afterVersion, toVersion]}, with its net change since
 *                              {@code afterVersion}, ordered by version. Columns: {@code version},
 *                              {@code operation} ({@code I}: inserted after {@code afterVersion}, {@code U},
 *                              {@code D}), {@code completed_changed} (whether an update since
 *                              {@code afterVersion} changed {@code completed}), {@code list_id},
 *                              {@code task_id}, and the current row joined by key: {@code current_id}
 *                              (NULL when there is no current row), {@code title}, {@code completed},
 *                              {@code created_at}, {@code updated_at}
 */
public record ChangeSql(String selectMinValidVersion, String selectCurrentVersion, String selectChanges) {
}
