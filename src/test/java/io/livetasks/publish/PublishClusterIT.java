package io.livetasks.publish;

import io.livetasks.it.cluster.RunsOwnServers;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.NodeClient;
import io.livetasks.it.PublishBackend;
import io.livetasks.it.cluster.Cluster;
import io.livetasks.it.cluster.ClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publish API on two instances sharing one H2 database and no broker: a backend calls instance a, the
 * official client is connected to instance b, and receives what was sent to everyone, to a group its
 * connection was added to (through a), to its connection and to its user: every command travels through the
 * outbox table.
 */
@RunsOwnServers
class PublishClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    @BeforeAll
    static void installClient() throws Exception {
        Assumptions.assumeTrue(NodeClient.toolsAvailable(), "node and npm are not installed: the official client cannot run");
        NodeClient.install();
    }

    @Test
    void shouldDeliverWhatOneInstanceTookToClientsOfTheOther() throws Exception {
        Cluster cluster = CLUSTER.cluster();
        PublishBackend onA = new PublishBackend(cluster.a().base());
        try (NodeClient bob = PublishApiIT.listen(cluster.b().base(), "WebSockets", "bob")) {
            String bobId = PublishApiIT.started(bob, "WebSocketTransport");

            assertThat(onA.send("telemetry/:send", "reading", "[1]").statusCode()).isEqualTo(202);
            assertThat(onA.call("PUT", "/api/hubs/telemetry/groups/room/connections/" + bobId, null).statusCode()).isEqualTo(200);
            assertThat(onA.send("telemetry/groups/room/:send", "reading", "[2]").statusCode()).isEqualTo(202);
            assertThat(onA.send("telemetry/connections/" + bobId + "/:send", "reading", "[3]").statusCode()).isEqualTo(202);
            assertThat(onA.send("telemetry/users/bob/:send", "reading", "[4]").statusCode()).isEqualTo(202);

            bob.await("message", 4, WAIT);
            assertThat(PublishApiIT.received(bob)).containsExactly("reading 1", "reading 2", "reading 3", "reading 4");
        }
    }
}
