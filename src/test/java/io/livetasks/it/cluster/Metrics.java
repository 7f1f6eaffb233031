package io.livetasks.it.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single values from an instance's {@code /metrics} (Prometheus text format). */
public final class Metrics {

    private static final Pattern USED_HEAP = Pattern.compile("(?m)^memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)");

    private Metrics() {
    }

    /** {@code memory_usedHeap_bytes}, or -1 when the server does not report it. */
    public static long usedHeap(LibertyServer server) throws InterruptedException {
        LibertyServer.Reply reply = server.get("metrics?scope=base");
        Matcher matcher = USED_HEAP.matcher(reply.body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
