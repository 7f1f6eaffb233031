package io.livetasks.it.cluster;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives test classes one {@link Cluster} for the whole test run (server starts are slow): started by the
 * first class that needs it, stopped by JUnit when the run ends. Before each test, every instance is made
 * ready again, so tests do not depend on what an earlier one did to the cluster.
 */
public final class ClusterExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);

    /** The database under the cluster. */
    public enum Kind {
        H2, SQL_SERVER
    }

    private final Kind kind;
    private Cluster cluster;

    public ClusterExtension(Kind kind) {
        this.kind = kind;
    }

    public static ClusterExtension onH2() {
        return new ClusterExtension(Kind.H2);
    }

    public static ClusterExtension onSqlServer() {
        return new ClusterExtension(Kind.SQL_SERVER);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(kind, key -> {
            try {
                return key == Kind.H2 ? Cluster.startOnH2() : Cluster.startOnSqlServer();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the " + key + " cluster", e);
            }
        }, Cluster.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        cluster.heal(Duration.ofSeconds(120));
    }

    public Cluster cluster() {
        return cluster;
    }
}
