package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlowConsumerScenarios} on two instances sharing H2. */
@RunsOwnServers
class SlowConsumerIT extends SlowConsumerScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
