package io.livetasks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The SQL Server suites are {@code @Testcontainers(disabledWithoutDocker = true)}: without Docker they are
 * skipped, which is right on a developer machine and wrong in CI, where a skipped suite would look green.
 * This test turns a missing Docker engine into a failure wherever {@link SqlServerContainers#dockerRequired()}.
 */
class DockerRequiredInCiTest {

    @Test
    void shouldHaveDockerWhereTheSqlServerSuitesMustRun() {
        assumeTrue(SqlServerContainers.dockerRequired(),
                "Docker is required only in CI (CI=true and GITHUB_ACTIONS=true) or with -Dlivetasks.require.docker=true");

        assertThat(SqlServerContainers.dockerAvailable())
                .as("a Docker engine for the SQL Server suites (Testcontainers would skip them all)")
                .isTrue();
    }
}
