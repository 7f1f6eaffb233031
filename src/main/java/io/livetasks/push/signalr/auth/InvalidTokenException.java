package io.livetasks.push.signalr.auth;

/** An access token was presented but cannot be accepted (HTTP 401): forged, malformed, expired or for another hub. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message);
    }
}
