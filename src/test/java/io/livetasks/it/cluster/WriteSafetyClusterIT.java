package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WriteSafetyScenarios} on two instances sharing H2. */
@RunsOwnServers
class WriteSafetyClusterIT extends WriteSafetyScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
