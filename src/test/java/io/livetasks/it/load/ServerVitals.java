package io.livetasks.it.load;

import io.livetasks.it.AdminMetrics;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What a server's {@code /metrics} (as the administrator) says about its load: open client connections, live
 * threads, used heap. Heap figures mean little before a garbage collection, so {@link #collectGarbage(Path)}
 * asks for one over local JMX where the server offers it (the integration-test server's
 * {@code localConnector-1.0}, see liberty/test-harness.xml); elsewhere the heap is compared as it is.
 */
public record ServerVitals(long connections, long threads, long usedHeap) {

    private static final Logger LOG = Logger.getLogger(ServerVitals.class.getName());

    public static ServerVitals read(URI httpsBase) {
        AdminMetrics.Reply application = AdminMetrics.get(httpsBase, "application");
        AdminMetrics.Reply base = AdminMetrics.get(httpsBase, "base");
        if (application.status() != 200 || base.status() != 200) {
            throw new IllegalStateException("/metrics answered " + application.status() + " / " + base.status());
        }
        return new ServerVitals((long) application.value("livetasks_connections"), (long) base.value("thread_count"),
                (long) base.value("memory_usedHeap_bytes"));
    }

    /**
     * Runs a full garbage collection in the server, through the local JMX address Liberty's local connector
     * writes to {@code logs/state}; false when the server has none.
     */
    public static boolean collectGarbage(Path serverDir) {
        Path address = serverDir.resolve("logs/state/com.ibm.ws.jmx.local.address");
        if (!Files.isReadable(address)) {
            return false;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(address, StandardCharsets.UTF_8).strip()))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            server.invoke(new ObjectName(ManagementFactory.MEMORY_MXBEAN_NAME), "gc", null, null);
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "No garbage collection through local JMX", e);
            return false;
        }
    }

    @Override
    public String toString() {
        return connections + " connections, " + threads + " threads, " + (usedHeap >> 20) + " MB used heap";
    }
}
