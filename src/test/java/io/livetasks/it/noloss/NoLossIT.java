package io.livetasks.it.noloss;

import io.livetasks.it.cluster.RunsOwnServers;
import io.livetasks.it.cluster.Cluster;
import io.livetasks.it.cluster.ClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NoLossScenarios} on two instances sharing H2. */
@RunsOwnServers
class NoLossIT extends NoLossScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
