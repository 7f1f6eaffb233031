package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DatabaseLoadScenarios} on two instances sharing H2. */
@RunsOwnServers
class DatabaseLoadIT extends DatabaseLoadScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
