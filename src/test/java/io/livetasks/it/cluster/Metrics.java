package io.livetasks.it.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single values from an instance's {@code /metrics} (Prometheus text format). */
public final class Metrics {

    private static final Pattern USED_HEAP = Pattern.compile("(?m)^memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)");

    private Metrics() {
    }

    /** The first sample of the application metric {@code name} (Prometheus name), or -1 when it is not reported. */
    public static double application(LibertyServer server, String name) throws InterruptedException {
        LibertyServer.Reply reply = server.get("metrics?scope=application");
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.E+-]+)").matcher(reply.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    /** {@code memory_usedHeap_bytes}, or -1 when the server does not report it. */
    public static long usedHeap(LibertyServer server) throws InterruptedException {
        LibertyServer.Reply reply = server.get("metrics?scope=base");
        Matcher matcher = USED_HEAP.matcher(reply.body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
