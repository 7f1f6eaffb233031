package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link WriteSafetyScenarios} on two instances sharing SQL Server 2022 (skipped where Docker does not run). */
@Testcontainers(disabledWithoutDocker = true)
@RunsOwnServers
class SqlServerWriteSafetyIT extends WriteSafetyScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onSqlServer();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
