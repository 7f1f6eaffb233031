package io.livetasks.push.signalr;

/**
 * Thrown by a hub method to fail the invocation with a message meant for the client: it becomes the
 * {@code error} of the Completion as is. Any other exception is logged and reported to the client as a
 * generic error, so internals never leak.
 */
public class HubException extends RuntimeException {

    public HubException(String message) {
        super(message);
    }
}
