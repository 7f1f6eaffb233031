package io.livetasks.push.http;

/** The {@code data:} lines of a Server-Sent Event, shared by the per-list SSE stream and SignalR's SSE transport. */
public final class SseData {

    private SseData() {
    }

    /**
     * Appends {@code data} as {@code data:} lines, each ended by {@code lineEnd}: a line break inside it (never
     * produced by compact JSON) starts another data line, as the SSE format requires. Data without one, the usual
     * case, is appended as it is, without splitting.
     */
    public static StringBuilder append(StringBuilder event, String data, String lineEnd) {
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            return event.append("data: ").append(data).append(lineEnd);
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            event.append("data: ").append(line).append(lineEnd);
        }
        return event;
    }
}
