package io.livetasks.push;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * {@code POST /internal/drain}, from this machine only (a loopback address): tells every connected client to
 * reconnect elsewhere ({@link Hub#shutdown()}), and every client that connects afterwards the same. For a
 * Kubernetes {@code preStop} hook (see deploy/): Open Liberty 26.0.0.3 stops the application only after its
 * shutdown quiesce has already dropped the open connections (WebSocket 1006), so the application must be told
 * before the server stops. Anyone else gets {@code 403} (problem details). Connections opened after a drain are
 * told to go elsewhere at once: call it only on an instance that is about to stop.
 */
@WebServlet(urlPatterns = "/internal/drain")
public class DrainServlet extends HttpServlet {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(DrainServlet.class.getName());

    /** Injected into the field, as the container creates servlets itself (as in HubServlet). */
    @Inject
    transient Hub hub;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            byte[] problem = JSON.createObjectBuilder().add("type", "about:blank").add("title", "Forbidden")
                    .add("status", HttpServletResponse.SC_FORBIDDEN)
                    .add("detail", "Only a request from this machine may drain it").build().toString()
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/problem+json");
            response.setContentLength(problem.length);
            response.getOutputStream().write(problem);
            return;
        }
        LOG.info("Draining: every client is told to reconnect to another instance");
        hub.shutdown();
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
