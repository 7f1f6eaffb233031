package io.livetasks.publish;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The publish API's keys and its check of bearer tokens, as Azure SignalR Service does it for its data-plane
 * REST API: the backend signs a short-lived JWT with the {@code AccessKey} of its connection string (HMAC
 * SHA-256 over the key's UTF-8 bytes), with {@code aud} the URL it calls and {@code exp} when the token ends, at
 * most {@code livetasks.publish.token.max-lifetime.seconds} (one hour) ahead: a leaked token is good for little.
 *
 * <p>Keys come from {@code livetasks.publish.access-keys} (environment {@code LIVETASKS_PUBLISH_ACCESS_KEYS}):
 * one or more, comma-separated (two while rotating), each a bare key or a whole connection string
 * ({@code Endpoint=...;AccessKey=...;Version=1.0;}). A key shorter than 32 bytes stops the application at
 * start-up (HS256 needs 256 bits). None configured: the API is off (see {@link PublishServlet}).
 *
 * <p>{@code aud} is compared by path only (the request URL's path, ignoring a trailing slash, scheme, host,
 * port and query): behind a reverse proxy or load balancer the host the backend called is not the one this
 * server sees. The key is what authenticates; the path keeps a token made for one call from serving another.
 */
@ApplicationScoped
public class AccessKeys {

    private static final Logger LOG = Logger.getLogger(AccessKeys.class.getName());
    /** Tolerated difference between the backend's clock and ours, for {@code exp} and {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final int MIN_KEY_BYTES = 32;

    /** The longest a token may still be valid for when it arrives (the SDKs make tokens of one hour). */
    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(1);

    private final List<byte[]> keys;
    private final Clock clock;
    private final Duration maxLifetime;

    @Inject
    public AccessKeys(@ConfigProperty(name = "livetasks.publish.access-keys") Optional<List<String>> configured,
                      @ConfigProperty(name = "livetasks.publish.token.max-lifetime.seconds", defaultValue = "3600") long maxLifetimeSeconds) {
        this(configured.orElse(List.of()), Clock.systemUTC(), Duration.ofSeconds(maxLifetimeSeconds));
    }

    AccessKeys(List<String> keysOrConnectionStrings, Clock clock) {
        this(keysOrConnectionStrings, clock, DEFAULT_MAX_LIFETIME);
    }

    AccessKeys(List<String> keysOrConnectionStrings, Clock clock, Duration maxLifetime) {
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalStateException("livetasks.publish.token.max-lifetime.seconds must be positive");
        }
        this.maxLifetime = maxLifetime;
        List<byte[]> parsed = new ArrayList<>();
        for (String value : keysOrConnectionStrings) {
            if (value != null && !value.isBlank()) {
                parsed.add(key(value));
            }
        }
        this.keys = List.copyOf(parsed);
        this.clock = clock;
    }

    /** For the CDI proxy only. */
    protected AccessKeys() {
        this.keys = null;
        this.clock = null;
        this.maxLifetime = null;
    }

    /** Creates the bean at start-up, so that a bad key fails the start and the log says whether the API is on. */
    void onStart(@Observes Startup startup) {
        LOG.info(configured()
                ? "Publish API on: " + keys.size() + " access key(s) configured"
                : "Publish API off: livetasks.publish.access-keys (LIVETASKS_PUBLISH_ACCESS_KEYS) is not set");
    }

    /** Whether any key is configured: without one the API answers 503. */
    public boolean configured() {
        return !keys.isEmpty();
    }

    /** The key of a bare key or of a connection string's {@code AccessKey=} part, checked for length. */
    static byte[] key(String value) {
        String key = value.strip();
        if (key.contains("=") && key.contains(";")) {
            key = null;
            for (String part : value.split(";")) {
                int equals = part.indexOf('=');
                if (equals > 0 && part.substring(0, equals).strip().equalsIgnoreCase("AccessKey")) {
                    key = part.substring(equals + 1).strip();
                }
            }
            if (key == null) {
                throw new IllegalStateException("livetasks.publish.access-keys: a connection string without AccessKey=");
            }
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("livetasks.publish.access-keys: a key has " + bytes.length + " bytes; tokens are "
                    + "HS256, which needs at least " + MIN_KEY_BYTES + " (e.g. 'openssl rand -base64 32' gives 44)");
        }
        return bytes;
    }

    /**
     * Checks a bearer token for a request to {@code requestPath} (the path of the URL called, as the server saw it).
     *
     * @throws UnauthorizedException saying what is wrong, for the 401 answer
     */
    public void verify(String token, String requestPath) throws UnauthorizedException {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("Send 'Authorization: Bearer <JWT signed with the access key>'");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new UnauthorizedException("The bearer token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new UnauthorizedException("The bearer token must be signed with HS256");
        }
        if (!signedWithAKey(jwt)) {
            throw new UnauthorizedException("The bearer token is not signed with a configured access key");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new UnauthorizedException("The bearer token has no exp claim");
        }
        if (now.isAfter(expires.toInstant().plus(CLOCK_SKEW))) {
            throw new UnauthorizedException("The bearer token expired at " + expires.toInstant());
        }
        if (expires.toInstant().isAfter(now.plus(maxLifetime).plus(CLOCK_SKEW))) {
            throw new UnauthorizedException("The bearer token is valid for too long: exp may be at most "
                    + maxLifetime.toSeconds() + " s ahead (livetasks.publish.token.max-lifetime.seconds)");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw new UnauthorizedException("The bearer token is not valid before " + notBefore.toInstant());
        }
        String path = trimmed(requestPath);
        if (claims.getAudience().stream().map(AccessKeys::pathOf).noneMatch(path::equals)) {
            throw new UnauthorizedException("The bearer token's aud must be the URL of this request (" + path + ")");
        }
    }

    private boolean signedWithAKey(SignedJWT jwt) {
        for (byte[] key : keys) {
            try {
                if (jwt.verify(new MACVerifier(key))) {
                    return true;
                }
            } catch (JOSEException e) {
                // Not verifiable with this key: try the next one.
            }
        }
        return false;
    }

    /** The decoded path of an audience URL, without a trailing slash; an unparsable one matches nothing. */
    static String pathOf(String audience) {
        try {
            String path = URI.create(audience.strip()).getPath();
            return path == null ? "\u0000" : trimmed(path);
        } catch (IllegalArgumentException e) {
            return "\u0000";
        }
    }

    private static String trimmed(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
