package io.livetasks.push;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.logging.Logger;

/**
 * {@code POST /internal/drain}, from this machine only (a loopback address): tells every connected client to
 * reconnect elsewhere ({@link Hub#shutdown()}), and every client that connects afterwards the same. For a
 * Kubernetes {@code preStop} hook (see deploy/): Open Liberty 26.0.0.3 stops the application only after its
 * shutdown quiesce has already dropped the open connections (WebSocket 1006), so the application must be told
 * before the server stops. Anyone else gets {@code 403}.
 */
@WebServlet(urlPatterns = "/internal/drain")
public class DrainServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DrainServlet.class.getName());

    /** Injected into the field, as the container creates servlets itself (as in HubServlet). */
    @Inject
    transient Hub hub;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        LOG.info("Draining: every client is told to reconnect to another instance");
        hub.shutdown();
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
