package io.livetasks.it.cluster;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives test classes one {@link Cluster} for the whole test run (server starts are slow): started by the
 * first class that needs it, stopped once the last class that uses it has ended ({@link ClusterStops}) or, at the
 * latest, by JUnit when the run ends. Before each test, every instance is made
 * ready again, so tests do not depend on what an earlier one did to the cluster.
 */
public final class ClusterExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);
    /** The clusters started in this JVM, for {@link #stopSoon}; JUnit's root store holds them too, and closes them. */
    private static final Map<Kind, Cluster> STARTED = new ConcurrentHashMap<>();

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
                Cluster started = key == Kind.H2 ? Cluster.startOnH2() : Cluster.startOnSqlServer();
                STARTED.put(key, started);
                return started;
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

    /** Begins stopping the cluster of {@code kind}, if one was started: no test class will use it any more. */
    static void stopSoon(Kind kind) {
        Cluster started = STARTED.get(kind);
        if (started != null) {
            started.stopSoon();
        }
    }

    /** The kind of cluster that {@code testClass} uses: that of a static ClusterExtension field of it or of a superclass. */
    static Optional<Kind> kindUsedBy(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == ClusterExtension.class && Modifier.isStatic(field.getModifiers())) {
                    try {
                        field.setAccessible(true);
                        return Optional.ofNullable((ClusterExtension) field.get(null)).map(extension -> extension.kind);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("Cannot read " + field, e);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
