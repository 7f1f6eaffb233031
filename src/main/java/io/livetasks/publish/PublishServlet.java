package io.livetasks.publish;

import io.livetasks.publish.PublishRoute.NoRouteException;
import io.livetasks.push.signalr.HubDefinition;
import io.livetasks.web.ProblemResponses;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Azure SignalR Service data-plane REST API ({@code 2022-06-01}, and the older {@code v1} paths) for the
 * hubs of {@link PublishHubs}: authorizes the bearer token ({@link AccessKeys}), maps the path
 * ({@link PublishRoute}), appends sends, group changes and closes to the outbox ({@code 202} for sends,
 * {@code 200} otherwise, once committed) and answers existence checks from this instance's connections.
 * Errors are problem details: 503 while no access key is configured (the API is off), 401 for a bad token,
 * 404 for an unknown path or hub, 405, 400 for a bad body or name, 413 for a message over
 * {@code livetasks.publish.max-message-bytes}, 503 when the database is unreachable.
 *
 * <p>A servlet of its own, not a JAX-RS resource: the API's callers are backends with their own bearer tokens,
 * not signed-in users, so the API filters (sign-in, cross-site header, per-user write rate) do not apply.
 */
@WebServlet(name = "publish-api", urlPatterns = {"/api/hubs/*", "/api/v1/hubs/*"})
public class PublishServlet extends HttpServlet {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PublishServlet.class.getName());
    /** The API versions whose paths {@code /api/hubs} serves. */
    static final List<String> API_VERSIONS = List.of("2022-06-01");
    static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    @Inject
    transient AccessKeys keys;
    @Inject
    transient PublishHubs hubs;
    @Inject
    transient PublishOutbox outbox;
    @Inject
    transient PublishFeed feed;
    @Inject
    transient ApiGroups groups;

    private int maxMessageBytes() {
        return ConfigProvider.getConfig().getOptionalValue("livetasks.publish.max-message-bytes", Integer.class)
                .orElse(DEFAULT_MAX_MESSAGE_BYTES);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!keys.configured()) {
            problem(response, 503, "Service Unavailable", "The publish API is off: no access key is configured "
                    + "(set LIVETASKS_PUBLISH_ACCESS_KEYS, see docs/publish-api.md)");
            return;
        }
        try {
            keys.verify(bearer(request), URI.create("http://host" + request.getRequestURI()).getPath());
        } catch (UnauthorizedException | IllegalArgumentException e) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"livetasks-publish\"");
            problem(response, 401, "Unauthorized", e.getMessage());
            return;
        }
        boolean v1 = request.getServletPath().startsWith("/api/v1/");
        String version = query(request, "api-version").stream().findFirst().orElse(null);
        if (!v1 && version != null && !API_VERSIONS.contains(version)) {
            problem(response, 400, "Bad Request", "api-version " + version + " is not supported; use one of " + API_VERSIONS);
            return;
        }
        PublishRoute route;
        try {
            route = PublishRoute.parse(request.getMethod(), request.getPathInfo(), v1);
        } catch (NoRouteException e) {
            if (e.allow() != null) {
                response.setHeader("Allow", e.allow());
            }
            problem(response, e.status(), e.status() == 405 ? "Method Not Allowed" : e.status() == 404 ? "Not Found" : "Bad Request",
                    e.getMessage());
            return;
        }
        Optional<HubDefinition> hub = hubs.find(route.hub());
        if (hub.isEmpty()) {
            problem(response, 404, "Not Found", "No publish hub " + route.hub() + ": 'tasks' and the hubs listed in "
                    + "livetasks.publish.hubs (LIVETASKS_PUBLISH_HUBS) take messages");
            return;
        }
        if (route.check() != null) {
            noBody(response, exists(hub.get(), route) ? 200 : 404);
            return;
        }
        String message;
        if (route.isSend()) {
            Optional<String> body = sendBody(request, response, hub.get());
            if (body.isEmpty()) {
                return;
            }
            message = body.get();
        } else if (route.action() == PublishCommand.Action.CLOSE_CONNECTION) {
            message = query(request, "reason").stream().findFirst().orElse(null);
        } else {
            message = null;
        }
        PublishCommand command = new PublishCommand(route.hub(), route.action(), route.group(), route.recipient(), message);
        try {
            outbox.append(command);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not append a publish command", e);
            response.setHeader("Retry-After", "5");
            problem(response, 503, "Service Unavailable", "The database is unreachable; try again");
            return;
        }
        feed.appended();
        noBody(response, route.isSend() ? HttpServletResponse.SC_ACCEPTED : HttpServletResponse.SC_OK);
    }

    /**
     * A status without a body, ended by closing the body: with only {@code setContentLength(0)}, Liberty
     * 26.0.0.3 answered an HTTP/2 request (e.g. java.net.http's default h2c upgrade) with headers but never
     * ended the stream, and the client waited forever (seen with curl --http2 and java.net.http).
     */
    private static void noBody(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.getOutputStream().close();
    }

    private boolean exists(HubDefinition hub, PublishRoute route) {
        String name = hub.name();
        return switch (route.check()) {
            case CONNECTION -> PublishHubs.connection(hub, route.recipient()).isPresent();
            case USER -> PublishHubs.connections(hub).anyMatch(c -> route.recipient().equals(c.user()));
            case GROUP -> PublishHubs.connections(hub).anyMatch(c -> groups.includes(name, route.group(), c.id(), c.user()));
            case USER_IN_GROUP -> groups.includesUser(name, route.group(), route.recipient());
        };
    }

    /**
     * The outbox message of a send: the body's {@code target} and {@code arguments} (Azure's payload message),
     * with the {@code excluded} connection ids of the query; empty after answering 400 or 413.
     */
    private Optional<String> sendBody(HttpServletRequest request, HttpServletResponse response, HubDefinition hub) throws IOException {
        int max = maxMessageBytes();
        long declared = request.getContentLengthLong();
        byte[] bytes;
        if (declared > max) {
            bytes = null;
        } else {
            // Read what Content-Length declares (to end of stream only when chunked).
            try (InputStream in = request.getInputStream()) {
                bytes = in.readNBytes(declared >= 0 ? (int) declared : max + 1);
            }
        }
        if (bytes == null || bytes.length > max) {
            problem(response, 413, "Content Too Large", "A message is at most " + max + " bytes (livetasks.publish.max-message-bytes)");
            return Optional.empty();
        }
        JsonObject body;
        try {
            JsonValue value = JSON.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8))).readValue();
            if (!(value instanceof JsonObject object)) {
                throw new JsonException("not an object");
            }
            body = object;
        } catch (JsonException e) {
            problem(response, 400, "Bad Request", "The body must be a JSON object {\"target\": \"...\", \"arguments\": [...]}");
            return Optional.empty();
        }
        JsonValue target = body.get("target");
        if (!(target instanceof JsonString name) || name.getString().isBlank() || name.getString().length() > PublishRoute.MAX_NAME_LENGTH) {
            problem(response, 400, "Bad Request", "target must be the name of the client handler, 1 to "
                    + PublishRoute.MAX_NAME_LENGTH + " characters");
            return Optional.empty();
        }
        if (hub.isReserved(name.getString())) {
            problem(response, 400, "Bad Request", "target " + name.getString() + " is reserved in hub " + hub.name()
                    + ": only the server's own list events use it");
            return Optional.empty();
        }
        JsonValue arguments = body.getOrDefault("arguments", JsonValue.EMPTY_JSON_ARRAY);
        if (!(arguments instanceof JsonArray)) {
            problem(response, 400, "Bad Request", "arguments must be a JSON array");
            return Optional.empty();
        }
        var excluded = JSON.createArrayBuilder();
        query(request, "excluded").forEach(excluded::add);
        return Optional.of(JSON.createObjectBuilder().add("target", name).add("arguments", arguments)
                .add("excluded", excluded).build().toString());
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    /** Every value of a query parameter (read from the query string only, never from a body). */
    static List<String> query(HttpServletRequest request, String name) {
        List<String> values = new ArrayList<>();
        String query = request.getQueryString();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        ProblemResponses.write(response, status, title, detail);
    }
}
