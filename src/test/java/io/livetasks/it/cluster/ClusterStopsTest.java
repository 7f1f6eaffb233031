package io.livetasks.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link ClusterStops} on a run of small classes (run here with a launcher of their own, one after the other), some
 * holding a {@link ClusterExtension} that is not registered, so that no cluster starts: only the counting is tested.
 */
class ClusterStopsTest {

    static class UsesH2 {
        static final ClusterExtension CLUSTER = ClusterExtension.onH2();

        @Test
        void test() {
        }
    }

    static class AlsoUsesH2ThroughItsSuperclass extends UsesH2 {
    }

    @Disabled("skipped classes count as ended")
    static class SkippedUsesSqlServer {
        static final ClusterExtension CLUSTER = ClusterExtension.onSqlServer();

        @Test
        void test() {
        }
    }

    static class UsesNone {
        @Test
        void test() {
        }
    }

    @Test
    void shouldStopAClusterRightAfterTheLastClassThatUsesItAndNoOtherCluster() {
        List<String> events = new CopyOnWriteArrayList<>();
        TestExecutionListener classEnds = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(ClassSource.class::isInstance)
                        .ifPresent(source -> events.add("ended " + ((ClassSource) source).getJavaClass().getSimpleName()));
            }
        };

        // JUnit tells the listeners of an end in the reverse of their order: classEnds hears of it first.
        run(List.of(new ClusterStops(kind -> events.add("stop " + kind)), classEnds),
                UsesH2.class, AlsoUsesH2ThroughItsSuperclass.class, UsesNone.class);

        assertThat(events).containsSubsequence("ended UsesH2", "ended AlsoUsesH2ThroughItsSuperclass", "stop H2", "ended UsesNone")
                .containsOnlyOnce("stop H2").doesNotContain("stop SQL_SERVER");
    }

    @Test
    void shouldCountASkippedClassAsEnded() {
        List<ClusterExtension.Kind> stopped = new CopyOnWriteArrayList<>();

        run(List.of(new ClusterStops(stopped::add)), SkippedUsesSqlServer.class, UsesNone.class);

        assertThat(stopped).containsExactly(ClusterExtension.Kind.SQL_SERVER);
    }

    @Test
    void shouldFindTheClusterOfAClassOrItsSuperclassAndNoneOfAClassWithout() {
        assertThat(ClusterExtension.kindUsedBy(UsesH2.class)).contains(ClusterExtension.Kind.H2);
        assertThat(ClusterExtension.kindUsedBy(AlsoUsesH2ThroughItsSuperclass.class)).contains(ClusterExtension.Kind.H2);
        assertThat(ClusterExtension.kindUsedBy(SkippedUsesSqlServer.class)).contains(ClusterExtension.Kind.SQL_SERVER);
        assertThat(ClusterExtension.kindUsedBy(UsesNone.class)).isEmpty();
    }

    /** Runs {@code classes} one after the other with only {@code listeners} (none from META-INF/services). */
    private static void run(List<TestExecutionListener> listeners, Class<?>... classes) {
        LauncherConfig config = LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build();
        LauncherFactory.create(config).execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .build(), listeners.toArray(TestExecutionListener[]::new));
    }
}
