package io.livetasks.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeysTest {

    private static final String KEY = "k3yOfTheTestService0123456789abcdefghijklmnop=";
    private static final String OTHER_KEY = "an0therKeyOfAnotherService0123456789abcdefgh=";
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final String URL = "https://livetasks.example/api/hubs/telemetry/:send?api-version=2022-06-01";
    private static final String PATH = "/api/hubs/telemetry/:send";

    private final AccessKeys keys = new AccessKeys(List.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC));

    static String token(String key, String audience, Instant expires) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(audience);
        if (expires != null) {
            claims.expirationTime(Date.from(expires));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void shouldAcceptATokenSignedWithTheKeyForTheRequestUrl() throws Exception {
        keys.verify(token(KEY, URL, NOW.plusSeconds(3600)), PATH);
    }

    @Test
    void shouldCompareTheAudienceByPathIgnoringHostQueryAndTrailingSlash() throws Exception {
        keys.verify(token(KEY, "http://10.0.0.7:9080/api/hubs/telemetry/:send/", NOW.plusSeconds(60)), PATH);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKey() {
        assertThatThrownBy(() -> keys.verify(token(OTHER_KEY, URL, NOW.plusSeconds(60)), PATH))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("not signed with a configured access key");
    }

    @Test
    void shouldAcceptEitherOfTwoKeysWhileRotating() throws Exception {
        AccessKeys rotating = new AccessKeys(List.of(KEY, OTHER_KEY), Clock.fixed(NOW, ZoneOffset.UTC));
        rotating.verify(token(OTHER_KEY, URL, NOW.plusSeconds(60)), PATH);
        rotating.verify(token(KEY, URL, NOW.plusSeconds(60)), PATH);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        assertThatThrownBy(() -> keys.verify(token(KEY, URL, NOW.minus(AccessKeys.CLOCK_SKEW).minusSeconds(1)), PATH))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("expired");
    }

    @Test
    void shouldToleratetheClockSkewAfterExpiry() throws Exception {
        keys.verify(token(KEY, URL, NOW.minus(AccessKeys.CLOCK_SKEW).plusSeconds(1)), PATH);
    }

    @Test
    void shouldRefuseATokenValidForLongerThanTheMaximumLifetime() {
        assertThatThrownBy(() -> keys.verify(token(KEY, URL, NOW.plus(AccessKeys.DEFAULT_MAX_LIFETIME).plus(AccessKeys.CLOCK_SKEW)
                .plusSeconds(1)), PATH))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("too long");
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() {
        assertThatThrownBy(() -> keys.verify(token(KEY, URL, null), PATH))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("no exp");
    }

    @Test
    void shouldRefuseATokenForAnotherUrl() {
        assertThatThrownBy(() -> keys.verify(token(KEY, "https://livetasks.example/api/hubs/telemetry/users/bob/:send",
                NOW.plusSeconds(60)), PATH))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("aud");
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        String unsigned = new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().audience(URL)
                .expirationTime(Date.from(NOW.plusSeconds(60))).build()).serialize();
        assertThatThrownBy(() -> keys.verify(unsigned, PATH)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void shouldRefuseGarbageAndAMissingToken() {
        assertThatThrownBy(() -> keys.verify("not-a-jwt", PATH)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> keys.verify(null, PATH)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void shouldTakeTheKeyOutOfAConnectionString() throws Exception {
        AccessKeys fromConnectionString = new AccessKeys(
                List.of("Endpoint=https://livetasks.example;AccessKey=" + KEY + ";Version=1.0;"), Clock.fixed(NOW, ZoneOffset.UTC));
        fromConnectionString.verify(token(KEY, URL, NOW.plusSeconds(60)), PATH);
    }

    @Test
    void shouldRefuseAShortKeyAtStartUp() {
        assertThatThrownBy(() -> new AccessKeys(List.of("short"), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
    }

    @Test
    void shouldBeOffWithoutKeys() {
        assertThat(new AccessKeys(List.of(), Clock.systemUTC()).configured()).isFalse();
        assertThat(new AccessKeys(List.of(" "), Clock.systemUTC()).configured()).isFalse();
        assertThat(keys.configured()).isTrue();
    }
}
