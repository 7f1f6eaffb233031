package io.livetasks.web;

/** A request header that does not follow its syntax, such as a malformed {@code If-Match} (HTTP 400). */
public class InvalidHeaderException extends RuntimeException {

    public InvalidHeaderException(String message) {
        super(message);
    }
}
