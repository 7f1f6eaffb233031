package io.livetasks.hub.signalr;

/** A client message exceeds the configured size limit; the connection is closed with a Close message. */
public class MessageTooLargeException extends ProtocolException {

    public MessageTooLargeException(int maxBytes) {
        super("Message exceeds the maximum size of " + maxBytes + " bytes");
    }
}
