package io.livetasks.push.signalr.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text a client sends into hub protocol records, each terminated by the record separator
 * {@code 0x1E}. Transports do not align their frames with records (the client batches several records in
 * one send, and a record could span frames), so text is accumulated until a separator arrives.
 *
 * <p>Each record, including one still incomplete, is limited to {@code maxBytes} bytes of UTF-8: a client
 * cannot make the server buffer an unbounded message. Not thread-safe; one per connection, fed in order.
 */
public final class RecordReader {

    private final int maxBytes;
    private final StringBuilder pending = new StringBuilder();
    private int pendingBytes;

    public RecordReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds text and returns the records it completed, without their separators.
     *
     * @throws MessageTooLargeException when a record exceeds the limit; the reader is then unusable
     */
    public List<String> feed(CharSequence text) throws MessageTooLargeException {
        List<String> records = new ArrayList<>(1);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == HubFrames.RECORD_SEPARATOR) {
                append(text, start, i);
                records.add(pending.toString());
                pending.setLength(0);
                pendingBytes = 0;
                start = i + 1;
            }
        }
        append(text, start, text.length());
        return records;
    }

    /** True while part of a record has arrived without its separator. */
    public boolean hasPartialRecord() {
        return pending.length() > 0;
    }

    private void append(CharSequence text, int from, int to) throws MessageTooLargeException {
        pendingBytes += utf8Length(text, from, to);
        if (pendingBytes > maxBytes) {
            throw new MessageTooLargeException(maxBytes);
        }
        pending.append(text, from, to);
    }

    /** The UTF-8 length of a range of chars (a surrogate pair counts 2 + 2 = 4 bytes). */
    static int utf8Length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
