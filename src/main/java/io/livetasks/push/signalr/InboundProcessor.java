package io.livetasks.push.signalr;

import io.livetasks.push.signalr.protocol.HubFrames;
import io.livetasks.push.signalr.protocol.HubMessage;
import io.livetasks.push.signalr.protocol.HubMessageParser;
import io.livetasks.push.signalr.protocol.ProtocolException;
import io.livetasks.push.signalr.protocol.RecordReader;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client-to-server side of one connection: splits text into records, expects the handshake first,
 * then dispatches hub messages. Any protocol error closes the connection with a clear reason: before
 * the handshake as a handshake error response, after it as a Close message. Records are handled one at a
 * time, in order, so a client's invocations run sequentially (as in ASP.NET Core by default).
 */
final class InboundProcessor {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class.getName());

    private final SignalRConnection connection;
    private final RecordReader reader;
    private boolean handshaken;
    private String failure;

    InboundProcessor(SignalRConnection connection, int maxMessageBytes) {
        this.connection = connection;
        this.reader = new RecordReader(maxMessageBytes);
    }

    synchronized void receive(CharSequence text) {
        if (failure != null || connection.isClosed()) {
            return;
        }
        try {
            List<String> records = reader.feed(text);
            for (String record : records) {
                if (connection.isClosed()) {
                    return;
                }
                if (handshaken) {
                    handle(HubMessageParser.parse(record));
                } else {
                    handshake(record);
                }
            }
        } catch (ProtocolException e) {
            fail(e.getMessage());
        }
    }

    private void handshake(String record) throws ProtocolException {
        String error = HubMessageParser.handshakeError(record);
        if (error != null) {
            fail(error);
            return;
        }
        handshaken = true;
        connection.sendFrame(HubFrames.handshakeResponse(null));
        connection.handshakeCompleted();
    }

    private void handle(HubMessage message) {
        if (message instanceof HubMessage.Invocation invocation) {
            InvocationDispatcher.dispatch(connection, invocation);
        } else if (message instanceof HubMessage.StreamInvocation stream) {
            connection.sendFrame(HubFrames.completionError(stream.invocationId(), "Streaming hub methods are not supported by this server."));
        } else if (message instanceof HubMessage.Close close) {
            connection.close(close.error() == null ? "closed by client" : "closed by client: " + close.error());
        } else if (message instanceof HubMessage.Ignored ignored) {
            LOG.log(Level.FINE, "Ignoring message type {0} from {1}", new Object[] {ignored.type(), connection});
        }
        // A Ping only proves the client is there; receiving it already counted.
    }

    synchronized String failure() {
        return failure;
    }

    private void fail(String reason) {
        failure = reason;
        LOG.log(Level.FINE, "Closing {0}: {1}", new Object[] {connection, reason});
        if (handshaken) {
            connection.closeWithError(reason, false);
        } else if (connection.sendFrame(HubFrames.handshakeResponse(reason))) {
            connection.finish(reason);
        } else {
            connection.close(reason);
        }
    }
}
