package io.livetasks.publish;

/** A publish API request whose bearer token is missing, malformed, not signed with a key, expired or for another URL. */
public class UnauthorizedException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message);
    }
}
