package io.livetasks.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code LIVETASKS_DB_MIGRATE=validate} on a real server: over an empty database the application starts,
 * changes nothing and keeps readiness DOWN, naming what is missing (a least-privilege deployment whose DBA
 * has not migrated yet).
 *
 * <p>Its server is its own (ports, database), but it is not {@link RunsOwnServers}: it shares nothing with the
 * cluster, and in the Arquillian classes' sequence it evens out the two lanes of {@code mvn verify}: with it, the
 * cluster lane ended 25 s after the Arquillian sequence, once that sequence no longer waited 14-27 s for the browser
 * tests' closed long-polling windows (VanishedClientIT, 4 December); without it, 6.5 s after.
 */
class SchemaValidationIT {

    @Test
    void shouldStayNotReadyAndSayWhyWhenValidatingAnUnmigratedDatabase() throws Exception {
        Path wlp = Path.of(System.getProperty("it.wlp.home", "target/liberty/wlp"));
        Path war = Path.of(System.getProperty("livetasks.war", "target/livetasks.war"));
        String template = System.getProperty("it.server.name", "livetasks-it");
        int base = Integer.getInteger("cluster.port.base", 9310) + 60;
        Path data = Files.createTempDirectory(Path.of("target"), "validate-").toAbsolutePath();
        LibertyServer server = LibertyServer.create(wlp, template, war, template + "-validate", base, base + 1, Map.of(
                "DB_KIND", "h2",
                "DB_URL", "jdbc:h2:" + data.resolve("empty") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000",
                "LIVETASKS_DB_MIGRATE", "validate"));
        try {
            server.startNotWaiting();
            LibertyServer.Reply readiness = await("the schema check in /health/ready").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(server::readiness, reply -> reply.body().contains("\"schema\""));

            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body().replaceAll("\\s+", "")).contains("\"name\":\"schema\",\"status\":\"DOWN\"")
                    .as("health answers anyone: the problems are in the log only").doesNotContain("Flyway");
            assertThat(server.logLines("The schema is not ready for livetasks")).singleElement().asString()
                    .contains("Flyway's history").contains("Change tracking is off for the database")
                    .as("every table the application uses, the presence tables too")
                    .contains("Table list_presence does not exist").contains("Table instance_heartbeat does not exist");
            assertThat(server.logLines("Schema migrated with Flyway")).as("validate changes nothing").isEmpty();
        } finally {
            server.close();
        }
    }
}
