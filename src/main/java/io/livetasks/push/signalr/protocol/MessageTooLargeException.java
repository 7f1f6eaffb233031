package io.livetasks.push.signalr.protocol;

/** A client message exceeds the configured size limit; the connection is closed with a Close message. */
public class MessageTooLargeException extends ProtocolException {

    public MessageTooLargeException(int maxBytes) {
        super("Message exceeds the maximum size of " + maxBytes + " bytes");
    }
}
