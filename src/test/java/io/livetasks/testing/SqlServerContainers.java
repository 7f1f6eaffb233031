package io.livetasks.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The one SQL Server image every Testcontainers suite runs, pinned to a cumulative update so that a new
 * release cannot change the engine under the tests unnoticed (raise it on purpose, and run the suites).
 */
public final class SqlServerContainers {

    /** SQL Server 2022, cumulative update 16, on Ubuntu 22.04 (Microsoft's tag scheme: 2022-CU&lt;n&gt;-ubuntu-22.04). */
    public static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";

    private SqlServerContainers() {
    }

    /** A container of {@link #IMAGE}, license accepted, not started. */
    public static MSSQLServerContainer create() {
        return new MSSQLServerContainer(IMAGE).acceptLicense();
    }

    /**
     * Whether the SQL Server suites must run here, so that a missing Docker engine is a failure rather than
     * a skip: on GitHub Actions ({@code CI=true} and {@code GITHUB_ACTIONS=true}), or when the system property
     * {@code livetasks.require.docker} is {@code true}.
     */
    public static boolean dockerRequired() {
        return Boolean.getBoolean("livetasks.require.docker")
                || ("true".equals(System.getenv("CI")) && "true".equals(System.getenv("GITHUB_ACTIONS")));
    }

    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
