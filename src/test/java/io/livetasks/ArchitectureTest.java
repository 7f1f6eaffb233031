package io.livetasks;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.livetasks.changefeed.Version;

/**
 * The layering of {@code io.livetasks}, checked on the main classes (test classes are not imported):
 *
 * <pre>
 *   web            JAX-RS application, problem details, filters
 *   task.api       REST endpoints                      -> task
 *   task.feed      changes -> pushes, streams, hub     -> task, changefeed, push
 *   task           domain, store port, service
 *   publish        publish API (backends -> hub clients) -> push, changefeed, web
 *   persistence    detection, dialects, JDBC, all SQL  -> task, changefeed
 *     .h2, .sqlserver  the dialects, discovered at run time, never named
 *   push           connections, hub, transports        -> changefeed.Version only
 *   changefeed     database-agnostic change feed
 * </pre>
 *
 * ArchUnit reads byte code: a reference only to a compile-time constant of another class (e.g. in an annotation)
 * is inlined by javac and is not seen here, although the source still imports that class.
 */
@AnalyzeClasses(packages = "io.livetasks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CHANGEFEED = "io.livetasks.changefeed..";
    private static final String PUSH = "io.livetasks.push..";
    private static final String TASK = "io.livetasks.task";
    private static final String TASK_API = "io.livetasks.task.api..";
    private static final String ANY_TASK = "io.livetasks.task..";
    private static final String PERSISTENCE = "io.livetasks.persistence..";
    private static final String H2_DIALECT = "io.livetasks.persistence.h2..";
    private static final String SQL_SERVER_DIALECT = "io.livetasks.persistence.sqlserver..";
    private static final String WEB = "io.livetasks.web..";
    private static final String PUBLISH = "io.livetasks.publish..";
    /** The package name the shipped H2 migration V2 names its trigger class in. */
    private static final String LEGACY_H2_TRIGGER_NAME = "io.livetasks.dialect.h2..";

    @ArchTest
    static final ArchRule change_feed_knows_no_push_task_persistence_or_web =
            noClasses().that().resideInAPackage(CHANGEFEED)
                    .should().dependOnClassesThat().resideInAnyPackage(PUSH, ANY_TASK, PERSISTENCE, WEB, PUBLISH)
                    .because("the change feed is database- and transport-agnostic: it turns any ChangeSource "
                            + "into versioned batches and must stay usable without tasks, pushes or SQL");

    @ArchTest
    static final ArchRule push_knows_no_tasks_persistence_or_web =
            noClasses().that().resideInAPackage(PUSH)
                    .should().dependOnClassesThat().resideInAnyPackage(ANY_TASK, PERSISTENCE, WEB, PUBLISH)
                    .because("push (connections, hub, groups, SSE/WebSocket/SignalR transports) is a generic "
                            + "messaging layer; task.feed decides what to push, push only delivers it");

    @ArchTest
    static final ArchRule push_uses_the_change_feed_only_for_its_version =
            noClasses().that().resideInAPackage(PUSH)
                    .should().dependOnClassesThat(resideInAPackage(CHANGEFEED).and(not(type(Version.class))))
                    .because("a pushed message carries the change-tracking Version for resuming, "
                            + "but polling and batching the change feed is task.feed's job");

    @ArchTest
    static final ArchRule task_domain_and_rest_api_know_no_push_or_persistence =
            noClasses().that().resideInAnyPackage(TASK, TASK_API)
                    .should().dependOnClassesThat().resideInAnyPackage(PUSH, PERSISTENCE)
                    .because("the domain talks to the database through the TaskStore port and learns of "
                            + "changes through the change feed; pushing them is task.feed's concern");

    @ArchTest
    static final ArchRule publish_api_knows_no_tasks_or_persistence =
            noClasses().that().resideInAPackage(PUBLISH)
                    .should().dependOnClassesThat().resideInAnyPackage(ANY_TASK, PERSISTENCE)
                    .because("the publish API relays a backend's messages to hub clients: it never reads list data "
                            + "(so it cannot leak it) and reaches its outbox table through the PublishOutbox port");

    @ArchTest
    static final ArchRule only_persistence_depends_on_persistence =
            noClasses().that().resideInAnyPackage(CHANGEFEED, PUSH, ANY_TASK, PUBLISH)
                    .should().dependOnClassesThat().resideInAPackage(PERSISTENCE)
                    .because("persistence is the outermost adapter: it implements TaskStore and ChangeSource, "
                            + "which the inner layers own, and all SQL and database detection stay inside it");

    @ArchTest
    static final ArchRule h2_dialect_is_discovered_not_named =
            noClasses().that().resideOutsideOfPackages(H2_DIALECT, LEGACY_H2_TRIGGER_NAME)
                    .should().dependOnClassesThat().resideInAPackage(H2_DIALECT)
                    .because("dialects are discovered at run time (the one that supports the database product), "
                            + "so adding or removing a database touches no code outside its dialect package "
                            + "(dialect.h2 only keeps the trigger class name a shipped H2 migration uses)");

    @ArchTest
    static final ArchRule legacy_trigger_name_is_only_a_name =
            noClasses().that().resideOutsideOfPackage(LEGACY_H2_TRIGGER_NAME)
                    .should().dependOnClassesThat().resideInAPackage(LEGACY_H2_TRIGGER_NAME)
                    .because("io.livetasks.dialect.h2.H2ChangeTrigger exists only so that the shipped migration "
                            + "V2 can create its trigger outside the server; nothing may use it");

    @ArchTest
    static final ArchRule sql_server_dialect_is_discovered_not_named =
            noClasses().that().resideOutsideOfPackage(SQL_SERVER_DIALECT)
                    .should().dependOnClassesThat().resideInAPackage(SQL_SERVER_DIALECT)
                    .because("dialects are discovered at run time (the one that supports the database product), "
                            + "so adding or removing a database touches no code outside its dialect package");

    @ArchTest
    static final ArchRule only_the_h2_dialect_uses_the_h2_engine =
            noClasses().that().resideOutsideOfPackage(H2_DIALECT)
                    .should().dependOnClassesThat().resideInAPackage("org.h2..")
                    .because("H2 classes (its trigger API) are needed only by the H2 dialect; the driver is a "
                            + "server library, not part of the application");

    @ArchTest
    static final ArchRule main_code_uses_jakarta_apis_not_server_or_driver_internals =
            noClasses().that().resideInAPackage("io.livetasks..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.ibm..", "io.openliberty..", "org.eclipse.yasson..", "com.microsoft.sqlserver..")
                    .because("the application is written against Jakarta EE and MicroProfile APIs only, so it "
                            + "runs on any compatible server and with the JDBC driver the server provides");

    /**
     * {@code (**)} captures the whole package below {@code io.livetasks}, so every package is its own slice:
     * {@code task}, {@code task.api} and {@code task.feed} are three slices, as are {@code persistence} and
     * {@code persistence.h2}. ({@code io.livetasks.(*)..} would merge each package with its subpackages and
     * hide cycles between them.)
     */
    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().matching("io.livetasks.(**)").namingSlices("io.livetasks.$1")
                    .should().beFreeOfCycles()
                    .because("each package must be understandable, testable and replaceable on its own; "
                            + "a cycle makes two packages one");
}
