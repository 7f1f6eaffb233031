package io.livetasks.push.signalr.protocol;

/**
 * The peer broke the hub protocol (unreadable JSON, a missing or mistyped field, a message before the
 * handshake). The connection is closed with a Close message carrying {@link #getMessage()}.
 */
public class ProtocolException extends Exception {

    public ProtocolException(String message) {
        super(message);
    }
}
