package io.livetasks.it.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Begins stopping a shared {@link Cluster} as soon as the last test class of the run that uses it has ended
 * (finished or skipped), rather than when JUnit closes its root store at the very end: JUnit closes what the store
 * holds one value after the other, so the cluster's stop (2-3 s) and the Arquillian-managed server's (4 s) ran in
 * turn, after the last test. The classes are counted in the test plan: those with a static {@link ClusterExtension}
 * field, looked up once, when the run starts. Registered with the JUnit Platform in META-INF/services.
 */
public final class ClusterStops implements TestExecutionListener {

    /** The kind of cluster of each class in the plan that uses one, by the class's unique id. */
    private final Map<String, ClusterExtension.Kind> kinds = new ConcurrentHashMap<>();
    private final Map<ClusterExtension.Kind, AtomicInteger> classesLeft = new ConcurrentHashMap<>();
    private final Consumer<ClusterExtension.Kind> stopSoon;

    /** As the JUnit Platform registers it: stops the clusters that {@link ClusterExtension} started. */
    public ClusterStops() {
        this(ClusterExtension::stopSoon);
    }

    ClusterStops(Consumer<ClusterExtension.Kind> stopSoon) {
        this.stopSoon = stopSoon;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                kindOf(test).ifPresent(kind -> {
                    kinds.put(test.getUniqueId(), kind);
                    classesLeft.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                });
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        ended(test);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        ended(test);
    }

    private void ended(TestIdentifier test) {
        ClusterExtension.Kind kind = kinds.remove(test.getUniqueId());
        if (kind != null && classesLeft.get(kind).decrementAndGet() == 0) {
            stopSoon.accept(kind);
        }
    }

    private static Optional<ClusterExtension.Kind> kindOf(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance)
                .flatMap(source -> ClusterExtension.kindUsedBy(((ClassSource) source).getJavaClass()));
    }
}
