package io.livetasks.task;

/**
 * A conditional write found the task changed since the caller read it (HTTP 412): nothing was written, and
 * {@link #current()} is the task as it is now, so that the caller can show the other change and re-apply theirs.
 */
public class PreconditionFailedException extends RuntimeException {

    private final transient Task current;

    public PreconditionFailedException(Task current) {
        super("Task " + current.id() + " was changed by someone else (its row version is now " + current.rowVersion()
                + "); read the current state and apply your change again");
        this.current = current;
    }

    public Task current() {
        return current;
    }
}
