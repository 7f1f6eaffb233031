package io.livetasks.it.noloss;

import io.livetasks.it.cluster.RunsOwnServers;
import io.livetasks.it.cluster.Cluster;
import io.livetasks.it.cluster.ClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link NoLossScenarios} on two instances sharing SQL Server 2022 (skipped where Docker does not run). In the
 * Arquillian sequence with the cluster lane's lock, as {@link NoLossIT} is, for the same reason.
 */
@Testcontainers(disabledWithoutDocker = true)
@ResourceLock(RunsOwnServers.LOCK)
@Order(RunsOwnServers.LAST)
class SqlServerNoLossIT extends NoLossScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onSqlServer();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
