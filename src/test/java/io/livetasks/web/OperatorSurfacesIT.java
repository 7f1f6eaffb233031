package io.livetasks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.it.AdminMetrics;
import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator's surfaces show to whom: {@code /metrics} only to Liberty's administrator role, over
 * https; health status open to probes but without the figures behind it; the embedded database's TCP access
 * (AUTO_SERVER) on loopback and behind its password.
 */
@ExtendWith(ArquillianExtension.class)
class OperatorSurfacesIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void shouldAskAnonymousMetricsReadersToSignIn() {
        assertThat(AdminMetrics.get(AdminMetrics.itServer(), "application", null).status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseMetricsToAUserWhoIsNoAdministrator() {
        assertThat(AdminMetrics.get(AdminMetrics.itServer(), "application", User.ALICE).status()).isEqualTo(403);
    }

    @Test
    void shouldServeMetricsToTheAdministrator() {
        AdminMetrics.Reply reply = AdminMetrics.get(AdminMetrics.itServer(), "application", User.ADMIN);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.value("livetasks_connections")).as(reply.body()).isGreaterThanOrEqualTo(0);
        assertThat(reply.value("livetasks_feed_version")).as(reply.body()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldNotServeMetricsOverPlainHttp() {
        URI http = URI.create(base.toString()).resolve("/");
        AdminMetrics.Reply reply = AdminMetrics.get(http, "application", User.ADMIN);
        assertThat(reply.status()).as("redirected to https, never answered in clear text").isEqualTo(302);
        assertThat(reply.body()).doesNotContain("livetasks_");
    }

    @Test
    void shouldTellAnonymousProbesReadinessWithoutDetails() {
        Api anonymous = new Api(base).as(null);
        HttpResponse<String> ready = anonymous.send("GET", "/health/ready", null, "application/json");
        assertThat(ready.statusCode()).isIn(200, 503);
        JsonObject body = Api.object(ready.body());
        assertThat(body.getString("status")).isIn("UP", "DOWN");
        JsonObject feed = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(check -> "change-feed".equals(check.getString("name"))).findFirst().orElseThrow();
        assertThat(feed.getString("status")).isIn("UP", "DOWN");
        assertThat(feed.containsKey("data") ? feed.getJsonObject("data") : JsonObject.EMPTY_JSON_OBJECT)
                .as("no figures for anonymous probes: %s", feed).isEmpty();
        assertThat(anonymous.send("GET", "/health/live", null, "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAdmitTheEmbeddedDatabasesPasswordOverItsTcpAccess() throws SQLException {
        try (Connection connection = ItDatabase.connect()) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void shouldRefuseAWrongPasswordOverTheEmbeddedDatabasesTcpAccess() {
        assertThatThrownBy(() -> DriverManager.getConnection(ItDatabase.url(), "sa", "not-the-password").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
        assertThatThrownBy(() -> DriverManager.getConnection(ItDatabase.url(), "sa", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    }

    @Test
    void shouldServeTheEmbeddedDatabaseOnLoopbackOnly() throws Exception {
        // H2 writes the port of its AUTO_SERVER listener into the lock file, where other processes find it.
        Path lock = Path.of(ItDatabase.url().substring("jdbc:h2:".length(), ItDatabase.url().indexOf(';')) + ".lock.db");
        ItDatabase.connect().close(); // the server has the database open, so the lock file names its TCP port
        Matcher server = Pattern.compile("server=[^\\n]*?(\\d+)\\s").matcher(Files.readString(lock, StandardCharsets.ISO_8859_1));
        assertThat(server.find()).as("AUTO_SERVER port in %s", lock).isTrue();
        int port = Integer.parseInt(server.group(1));

        try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(loopback.isConnected()).isTrue();
        }
        List<InetAddress> external = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
        assertThat(external).as("this machine has a non-loopback address to try").isNotEmpty();
        for (InetAddress address : external) {
            assertThatThrownBy(() -> new Socket(address, port).close()).as("port %d on %s", port, address)
                    .isInstanceOf(ConnectException.class);
        }
    }
}
