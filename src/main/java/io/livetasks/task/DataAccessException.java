package io.livetasks.task;

import java.sql.SQLException;

/** A database failure a {@link io.livetasks.task.TaskStore} method cannot recover from (unchecked, as that contract is). */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
