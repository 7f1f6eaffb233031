package io.livetasks.web;

/** A request body over {@link RequestLimits#maxBodyBytes()} (HTTP 413). */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(int maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes");
    }
}
