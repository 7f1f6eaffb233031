package io.livetasks.task;

/** A request names a list or task that does not exist (HTTP 404). */
public abstract class UnknownIdException extends RuntimeException {

    protected UnknownIdException(String message) {
        super(message);
    }
}
