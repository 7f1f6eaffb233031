package io.livetasks.task;

/** The request contradicts the list's state (e.g. changing or removing the owner's membership): HTTP 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
