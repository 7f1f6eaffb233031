package io.livetasks.persistence;

/** The statements of the task store ({@link JdbcTaskStore}) in one dialect. */
public interface TaskStatements extends DialectStatements {

    TaskSql sql();
}
