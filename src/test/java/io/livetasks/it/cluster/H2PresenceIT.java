package io.livetasks.it.cluster;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PresenceScenarios} on two instances sharing H2 in server mode. */
@RunsOwnServers
class H2PresenceIT extends PresenceScenarios {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @Override
    protected Cluster cluster() {
        return CLUSTER.cluster();
    }
}
