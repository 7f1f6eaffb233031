package io.livetasks.push.signalr.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Signs and verifies access tokens as compact JWTs with HS256 (HMAC-SHA256, the scheme Azure SignalR
 * Service uses for its client tokens), through Nimbus JOSE+JWT. Verification is pinned to HS256 with this
 * secret, so a token cannot switch to {@code alg: none} or to another algorithm; it needs {@code sub},
 * {@code aud}, {@code exp} and {@code iat}, and allows {@link #CLOCK_SKEW} on {@code exp} and {@code nbf},
 * since the instance that checks a token may not be the one that issued it. Thread-safe.
 */
public final class TokenSigner {

    /** HS256 needs a key of at least 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    /** How far the clocks of two instances may differ: a token counts as valid this much before and after its times. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "aud", "exp", "iat");

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    public TokenSigner(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The access token secret has " + secret.length + " bytes; HS256 needs at least "
                    + MIN_SECRET_BYTES + " (256 bits)");
        }
        byte[] key = secret.clone();
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Unusable access token secret: " + e.getMessage(), e);
        }
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(clock));
    }

    public String sign(TokenClaims claims) {
        Date now = Date.from(clock.instant());
        JWTClaimsSet payload = new JWTClaimsSet.Builder()
                .subject(claims.subject())
                .audience(claims.audience())
                .issueTime(now)
                .notBeforeTime(now)
                .expirationTime(Date.from(claims.expires()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), payload);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HMAC-SHA256 signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a genuine, current token for the hub at {@code hubPath}: signed with this secret by
     * HS256, not expired, not before its time, with an audience whose path is {@code hubPath}. The path,
     * not the whole URL, because a client may name this host differently than the request that obtained
     * the token did (proxies, {@code localhost} and {@code 127.0.0.1}); the signature already ties the
     * token to this application's secret.
     */
    public TokenClaims verify(String token, String hubPath) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("Malformed access token");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("Access token rejected: " + e.getMessage());
        }
        List<String> audiences = claims.getAudience();
        if (audiences.stream().noneMatch(audience -> hubPath.equals(path(audience)))) {
            throw new InvalidTokenException("The access token is not for this hub");
        }
        return new TokenClaims(claims.getSubject(), audiences.get(0), claims.getExpirationTime().toInstant());
    }

    private static String path(String url) {
        try {
            return URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Nimbus' standard claim checks (required claims, {@code exp} and {@code nbf} with skew) on the injected clock. */
    private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        ClaimsVerifier(Clock clock) {
            super(null, REQUIRED_CLAIMS);
            this.clock = clock;
            setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
