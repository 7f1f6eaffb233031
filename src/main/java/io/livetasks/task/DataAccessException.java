package io.livetasks.task;

import java.sql.SQLException;

/**
 * A database failure a {@link io.livetasks.task.TaskStore} method cannot recover from (unchecked, as that
 * contract is). {@linkplain #isUnavailable() Unavailable} means the database could not be reached or was
 * too busy (worth retrying shortly), as opposed to an error in what was asked of it.
 */
public class DataAccessException extends RuntimeException {

    private final boolean unavailable;

    public DataAccessException(String message, SQLException cause) {
        this(message, cause, false);
    }

    public DataAccessException(String message, SQLException cause, boolean unavailable) {
        super(message + ": " + cause.getMessage(), cause);
        this.unavailable = unavailable;
    }

    /** Whether the database was unreachable or busy, so that the same request may well work shortly. */
    public boolean isUnavailable() {
        return unavailable;
    }
}
