package io.livetasks.push.signalr.auth;

import jakarta.enterprise.context.ApplicationScoped;
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
 * <p>The secret comes from {@code livetasks.token.secret} (environment {@code LIVETASKS_TOKEN_SECRET});
 * every instance behind one load balancer needs the same secret. Without it a random secret is made at
 * start-up, so tokens then only work on the instance that issued them.
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
        this(secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(AccessTokens::randomSecret),
                Duration.ofSeconds(lifetimeSeconds), Clock.systemUTC());
    }

    AccessTokens(byte[] secret, Duration lifetime, Clock clock) {
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

    private static byte[] randomSecret() {
        LOG.info("livetasks.token.secret is not set: access tokens are signed with a random key made at start-up and "
                + "only work on this instance. Set LIVETASKS_TOKEN_SECRET to the same value on every instance.");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** A token for {@code subject} (null for anonymous) to connect to the hub at {@code hubUrl}. */
    public String issue(String subject, String hubUrl) {
        return signer.sign(new TokenClaims(subject, hubUrl, clock.instant().plus(lifetime)));
    }

    /** @see TokenSigner#verify(String, boolean) */
    public TokenClaims verify(String token, boolean checkExpiry) throws InvalidTokenException {
        return signer.verify(token, checkExpiry);
    }

    public Duration lifetime() {
        return lifetime;
    }
}
