package io.livetasks.push.signalr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

    private static final byte[] SECRET = "a test secret of 32 bytes or more!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String HUB = "http://localhost:9080/hubs/tasks";
    private static final String HUB_PATH = "/hubs/tasks";

    private final TokenSigner signer = new TokenSigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private String token(String subject, Duration validFor) {
        return signer.sign(new TokenClaims(subject, HUB, NOW.plus(validFor)));
    }

    private static JsonObject part(String token, int index) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldVerifyATokenItSigned() throws Exception {
        TokenClaims claims = signer.verify(token("alice", Duration.ofMinutes(15)), HUB_PATH);

        assertThat(claims).isEqualTo(new TokenClaims("alice", HUB, NOW.plus(Duration.ofMinutes(15))));
    }

    @Test
    void shouldIssueAStandardHs256JwtWithSubjectAudienceAndTimes() {
        String token = token("alice", Duration.ofMinutes(1));

        assertThat(token.split("\\.")).hasSize(3);
        assertThat(part(token, 0).getString("alg")).isEqualTo("HS256");
        assertThat(part(token, 0).getString("typ")).isEqualTo("JWT");
        JsonObject payload = part(token, 1);
        assertThat(payload.getString("sub")).isEqualTo("alice");
        assertThat(payload.getString("aud")).isEqualTo(HUB);
        assertThat(payload.getJsonNumber("iat").longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(payload.getJsonNumber("nbf").longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(payload.getJsonNumber("exp").longValue()).isEqualTo(NOW.plusSeconds(60).getEpochSecond());
    }

    @Test
    void shouldRejectAnExpiredToken() {
        String expired = token("alice", TokenSigner.CLOCK_SKEW.negated().minusSeconds(1));

        assertThatThrownBy(() -> signer.verify(expired, HUB_PATH)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("Expired");
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheClockSkew() throws Exception {
        // Another instance whose clock is a little ahead may see a token as just expired that its issuer meant to be valid.
        assertThat(signer.verify(token("alice", Duration.ofSeconds(-5)), HUB_PATH).subject()).isEqualTo("alice");
    }

    @Test
    void shouldRejectATokenNotValidYet() {
        Clock later = Clock.fixed(NOW.plus(TokenSigner.CLOCK_SKEW).plusSeconds(60), ZoneOffset.UTC);
        String future = new TokenSigner(SECRET, later).sign(new TokenClaims("alice", HUB, later.instant().plusSeconds(900)));

        assertThatThrownBy(() -> signer.verify(future, HUB_PATH)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRejectATamperedPayload() {
        String[] parts = token("alice", Duration.ofMinutes(15)).split("\\.");
        String forgedPayload = encode("{\"sub\":\"mallory\",\"aud\":\"" + HUB + "\",\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}");

        assertThatThrownBy(() -> signer.verify(parts[0] + "." + forgedPayload + "." + parts[2], HUB_PATH))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
    }

    @Test
    void shouldRejectATokenSignedWithAnotherSecret() {
        TokenSigner other = new TokenSigner("another secret, also of 32 bytes or more".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String foreign = other.sign(new TokenClaims("alice", HUB, NOW.plusSeconds(60)));

        assertThatThrownBy(() -> signer.verify(foreign, HUB_PATH)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
    }

    @Test
    void shouldRejectAnUnsignedAlgNoneToken() {
        String payload = token("alice", Duration.ofMinutes(1)).split("\\.")[1];

        assertThatThrownBy(() -> signer.verify(encode("{\"alg\":\"none\"}") + "." + payload + ".", HUB_PATH))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRejectAnotherHmacAlgorithmEvenWithTheRightSecret() throws Exception {
        byte[] longSecret = "a 64-byte secret, long enough for HS512 signatures, made for this test".getBytes(StandardCharsets.UTF_8);
        TokenSigner hs256 = new TokenSigner(longSecret, Clock.fixed(NOW, ZoneOffset.UTC));
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), new JWTClaimsSet.Builder().subject("alice").audience(HUB)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60))).build());
        hs512.sign(new MACSigner(longSecret));

        assertThatThrownBy(() -> hs256.verify(hs512.serialize(), HUB_PATH)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRejectATokenForAnotherHub() {
        String otherHub = signer.sign(new TokenClaims("alice", "http://localhost:9080/hubs/other", NOW.plusSeconds(60)));

        assertThatThrownBy(() -> signer.verify(otherHub, HUB_PATH)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("The access token is not for this hub");
    }

    @Test
    void shouldAcceptTheHubUnderAnotherHostName() throws Exception {
        String viaLoopback = signer.sign(new TokenClaims("alice", "http://127.0.0.1:9080/hubs/tasks", NOW.plusSeconds(60)));

        assertThat(signer.verify(viaLoopback, HUB_PATH).subject()).isEqualTo("alice");
    }

    @Test
    void shouldRejectATokenWithoutSubject() throws Exception {
        SignedJWT anonymous = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().audience(HUB)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60))).build());
        anonymous.sign(new MACSigner(SECRET));

        assertThatThrownBy(() -> signer.verify(anonymous.serialize(), HUB_PATH)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("sub");
    }

    @Test
    void shouldRejectGarbage() {
        assertThatThrownBy(() -> signer.verify("not-a-token", HUB_PATH)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("Malformed access token");
        assertThatThrownBy(() -> signer.verify("a.b.c!", HUB_PATH)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRefuseASecretShorterThan256Bits() {
        assertThatThrownBy(() -> new TokenSigner(new byte[31], Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
    }
}
