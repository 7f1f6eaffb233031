package io.livetasks.it.cluster;

/** Reads single values from an instance's {@code /metrics} (Prometheus text format, as the demo administrator). */
public final class Metrics {

    private Metrics() {
    }

    /** The first sample of the application metric {@code name} (Prometheus name), or -1 when it is not reported. */
    public static double application(LibertyServer server, String name) {
        return server.metrics("application").value(name);
    }

    /** {@code memory_usedHeap_bytes}, or -1 when the server does not report it. */
    public static long usedHeap(LibertyServer server) {
        return (long) server.metrics("base").value("memory_usedHeap_bytes");
    }
}
