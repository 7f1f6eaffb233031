package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link PresenceScenarios} on two instances sharing SQL Server 2022 (skipped where Docker does not run). */
@Testcontainers(disabledWithoutDocker = true)
@RunsOwnServers
class SqlServerPresenceIT extends PresenceScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onSqlServer();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
