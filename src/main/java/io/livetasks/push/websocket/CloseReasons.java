package io.livetasks.push.websocket;

import jakarta.websocket.CloseReason;
import java.nio.charset.CharsetEncoder;
import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Close reasons that always fit: a WebSocket close frame carries at most 123 bytes of UTF-8 reason (125
 * minus the code). A longer one makes the container refuse to close at all, leaving the socket open, so
 * every close in the application goes through here.
 */
public final class CloseReasons {

    /** RFC 6455: control frame payload 125 bytes, 2 of them the status code. */
    public static final int MAX_BYTES = 123;

    private CloseReasons() {
    }

    public static CloseReason of(CloseReason.CloseCode code, String reason) {
        return new CloseReason(code, truncate(reason == null ? "" : reason));
    }

    /** The longest prefix of {@code reason} that is at most {@link #MAX_BYTES} of UTF-8, never splitting a character. */
    public static String truncate(String reason) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        ByteBuffer out = ByteBuffer.allocate(MAX_BYTES);
        CharBuffer in = CharBuffer.wrap(reason);
        encoder.encode(in, out, true);
        return reason.substring(0, in.position());
    }
}
