package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ServerRestartScenarios} on two instances sharing H2. */
@RunsOwnServers
class ServerRestartIT extends ServerRestartScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
