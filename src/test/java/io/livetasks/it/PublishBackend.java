package io.livetasks.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A backend calling the publish API as one written for Azure SignalR Service does, with java.net.http: each
 * request carries a bearer token it signs with the access key (HS256, {@code aud} = the request URL without
 * the query, {@code exp} in five minutes). The client keeps its default (HTTP/2, upgrading plain HTTP with h2c),
 * as a real backend's would: Liberty once left such body-less answers unended (see PublishServlet#noBody).
 */
public final class PublishBackend {

    /** The key the build gives the test servers ({@code it.publish.key} in pom.xml). */
    public static final String KEY = System.getProperty("it.publish.key", "integration-tests-only-publish-access-key-0123456789");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String key;

    public PublishBackend(URI base) {
        this(base, KEY);
    }

    /** @param base the application's URL (with its context root) */
    public PublishBackend(URI base, String key) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.key = key;
    }

    /** A backend with another key (for the 401 tests). */
    public PublishBackend withKey(String otherKey) {
        return new PublishBackend(base, otherKey);
    }

    /** {@code POST /api/hubs/{path}} with {@code {"target": target, "arguments": argumentsJson}}. */
    public HttpResponse<String> send(String path, String target, String argumentsJson) {
        return call("POST", "/api/hubs/" + path, "{\"target\":\"" + target + "\",\"arguments\":" + argumentsJson + "}");
    }

    /** Any method on a path of the application (e.g. {@code /api/hubs/telemetry/groups/g/users/u}, below its context root). */
    public HttpResponse<String> call(String method, String path, String body) {
        return call(method, path, body, token(key, url(strip(path)).toString(), Instant.now().plusSeconds(300)));
    }

    public HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URL of a path of the application. */
    public URI url(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private static String strip(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** An access token as Azure's management SDK makes one: HS256 with the key's UTF-8 bytes. */
    public static String token(String key, String audience, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder().audience(audience).expirationTime(Date.from(expires)).build());
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }
}
