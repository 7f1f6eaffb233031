package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ChangeDeliveryScenarios} on two instances sharing H2 in server mode. */
@RunsOwnServers
class H2ChangeDeliveryIT extends ChangeDeliveryScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
