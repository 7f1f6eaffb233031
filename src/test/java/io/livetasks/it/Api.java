package io.livetasks.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small real HTTP client for the livetasks REST API (java.net.http), with JSON-P for bodies. */
public final class Api {

    /**
     * Looked up once: each {@code Json.create*} call looks the provider up with a ServiceLoader scan of the class
     * path, which was over a quarter of the test JVM's CPU while the load tests parsed their clients' events.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final User user;

    /** Signed in as {@link User#ALICE}. */
    public Api(URL base) {
        this(URI.create(base.toString().endsWith("/") ? base.toString() : base + "/"), User.ALICE);
    }

    private Api(URI base, User user) {
        this.base = base;
        this.user = user;
    }

    /** The same server, signed in as {@code other} ({@code null}: anonymous). */
    public Api as(User other) {
        return new Api(base, other);
    }

    public URI base() {
        return base;
    }

    public User user() {
        return user;
    }

    public HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, json, "application/json, application/problem+json");
    }

    public HttpResponse<String> send(String method, String path, String json, String accept) {
        return send(method, path, json, Map.of("Accept", accept));
    }

    /** With these request headers (besides the caller's credentials and, with a body, its content type). */
    public HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (!headers.containsKey("Accept")) {
            request.header("Accept", "application/json, application/problem+json");
        }
        headers.forEach(request::header);
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    public JsonObject createList(String name) {
        HttpResponse<String> response = send("POST", "api/lists", JSON.createObjectBuilder().add("name", name).build().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return object(response.body());
    }

    public JsonObject addTask(long listId, String title) {
        HttpResponse<String> response = send("POST", "api/lists/" + listId + "/tasks",
                JSON.createObjectBuilder().add("title", title).build().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return object(response.body());
    }

    public JsonObject snapshot(long listId) {
        HttpResponse<String> response = get("api/lists/" + listId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response.body());
    }

    /** Shares the list with {@code member} as {@code role} ({@code reader} or {@code writer}); the caller must own it. */
    public void share(long listId, User member, String role) {
        HttpResponse<String> response = send("POST", "api/lists/" + listId + "/members",
                JSON.createObjectBuilder().add("user", member.name()).add("role", role).build().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Removes {@code member} from the list; the caller must own it. */
    public void unshare(long listId, User member) {
        HttpResponse<String> response = send("DELETE", "api/lists/" + listId + "/members/" + member.name(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    public static JsonObject object(String json) {
        return (JsonObject) parse(json);
    }

    public static JsonArray array(String json) {
        return (JsonArray) parse(json);
    }

    private static JsonStructure parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.read();
        }
    }
}
