package io.livetasks.it.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Marks a test class that runs on the shared {@link Cluster} instead of the build's integration-test server that
 * Arquillian manages. The cluster has its own ports ({@code cluster.port.base}) and database, so {@code mvn verify}
 * runs such a class beside the Arquillian classes (JUnit's parallel execution, configured for failsafe in pom.xml;
 * {@code -Dit.parallel=false} runs every class one after the other). Among themselves these classes take turns
 * ({@link #LOCK}): they share one cluster, which a test may restart or cut. A class without the annotation runs
 * in the Arquillian sequence, one class after the other, also when it starts a {@link LibertyServer} of its own
 * with ports and a database that nothing else uses ({@code SchemaValidationIT}): where it runs only evens out the
 * two lanes.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RunsOwnServers.LOCK)
public @interface RunsOwnServers {

    /** The lock the classes with their own servers take turns on (a class holds it for all its tests). */
    String LOCK = "livetasks.own-servers";

    /**
     * The {@link org.junit.jupiter.api.Order} of the Arquillian classes that take {@link #LOCK} to run with nothing
     * beside them (the load tests): last in their sequence, after every class that can run beside the cluster lane,
     * as the cluster lane idles while they run. JUnit's class orderer, configured for failsafe in pom.xml, orders the
     * classes by {@code @Order}; the others keep their order.
     */
    int LAST = Integer.MAX_VALUE;
}
