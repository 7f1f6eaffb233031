package io.livetasks.push.signalr.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and checks the short-lived access tokens that {@code negotiate} hands out with the hub URL.
 *
 * <p>The secret comes from {@code livetasks.token.secret} (environment {@code LIVETASKS_TOKEN_SECRET}), at
 * least {@value TokenSigner#MIN_SECRET_BYTES} bytes of UTF-8; a shorter one stops the application at
 * start-up rather than signing with a weak key. Every instance behind one load balancer needs the same
 * secret. Unset (the embedded default), a random 256-bit secret is made at start-up, so tokens then only
 * work on the instance that issued them.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

    private final TokenSigner signer;
    private final Duration lifetime;
    private final Clock clock;

    @Inject
    public AccessTokens(@ConfigProperty(name = "livetasks.token.secret") Optional<String> secret,
                        @ConfigProperty(name = "livetasks.token.ttl.seconds", defaultValue = "900") long lifetimeSeconds) {
        this(secret.filter(s -> !s.isBlank()).map(AccessTokens::configured).orElseGet(AccessTokens::randomSecret),
                Duration.ofSeconds(lifetimeSeconds), Clock.systemUTC());
    }

    AccessTokens(byte[] secret, Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("livetasks.token.ttl.seconds must be positive, not " + lifetime.toSeconds());
        }
        this.signer = new TokenSigner(secret, clock);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** For the CDI proxy only. */
    protected AccessTokens() {
        this.signer = null;
        this.lifetime = null;
        this.clock = null;
    }

    /** Creates the bean when the application starts, so that a bad secret fails the start, not the first sign-in. */
    void onStart(@Observes Startup startup) {
        LOG.fine(() -> "Access tokens live " + lifetime.toSeconds() + " s");
    }

    private static byte[] configured(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < TokenSigner.MIN_SECRET_BYTES) {
            throw new IllegalStateException("livetasks.token.secret (LIVETASKS_TOKEN_SECRET) has " + bytes.length
                    + " bytes: access tokens are signed with HS256, which needs a secret of at least " + TokenSigner.MIN_SECRET_BYTES
                    + " bytes (256 bits). Use a longer random value, e.g. the output of 'openssl rand -base64 48'.");
        }
        return bytes;
    }

    private static byte[] randomSecret() {
        LOG.info("livetasks.token.secret is not set: access tokens are signed with a random key made at start-up and "
                + "only work on this instance. Set LIVETASKS_TOKEN_SECRET to the same value on every instance.");
        byte[] secret = new byte[TokenSigner.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** A token for the authenticated {@code user} to connect to the hub at {@code hubUrl}, valid for {@link #lifetime()}. */
    public String issue(String user, String hubUrl) {
        return signer.sign(new TokenClaims(user, hubUrl, clock.instant().plus(lifetime)));
    }

    /** @see TokenSigner#verify(String, String) */
    public TokenClaims verify(String token, String hubPath) throws InvalidTokenException {
        return signer.verify(token, hubPath);
    }

    public Duration lifetime() {
        return lifetime;
    }
}
