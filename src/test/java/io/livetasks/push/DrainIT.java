package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Deployments;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /internal/drain} refuses anyone but this machine's loopback: a caller on another address gets
 * {@code 403} problem details and drains nothing. (A drain from loopback is exercised by {@code ServerRestartIT}
 * on a server of its own: here it would send the shared test server's clients away.)
 */
@ExtendWith(ArquillianExtension.class)
class DrainIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void shouldRefuseADrainFromAnotherAddress() throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        // The server listens on every interface (http.host=*); a machine with no other interface cannot test this.
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to call from");
        URI drain = new URI("http", null, external.get().getHostAddress(), base.getPort(), base.getPath() + "internal/drain",
                null, null);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(drain)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":403");
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
