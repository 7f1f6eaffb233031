package io.livetasks.push.signalr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

    private static final byte[] SECRET = "a test secret of enough length".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String HUB = "http://localhost:9080/hubs/tasks";

    private final TokenSigner signer = new TokenSigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private String token(String subject, Duration validFor) {
        return signer.sign(new TokenClaims(subject, HUB, NOW.plus(validFor)));
    }

    @Test
    void shouldVerifyATokenItSigned() throws Exception {
        TokenClaims claims = signer.verify(token("alice", Duration.ofMinutes(15)), true);

        assertThat(claims).isEqualTo(new TokenClaims("alice", HUB, NOW.plus(Duration.ofMinutes(15))));
    }

    @Test
    void shouldIssueAStandardCompactJwt() {
        String[] parts = token(null, Duration.ofMinutes(1)).split("\\.");

        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .contains("\"aud\":\"" + HUB + "\"").contains("\"exp\":" + NOW.plusSeconds(60).getEpochSecond()).doesNotContain("sub");
    }

    @Test
    void shouldRejectAnExpiredTokenForNewConnections() {
        String expired = token("alice", Duration.ofSeconds(-1));

        assertThatThrownBy(() -> signer.verify(expired, true)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void shouldAcceptAnExpiredButGenuineTokenWhenExpiryIsNotChecked() throws Exception {
        assertThat(signer.verify(token("alice", Duration.ofSeconds(-1)), false).subject()).isEqualTo("alice");
    }

    @Test
    void shouldRejectATamperedPayload() {
        String[] parts = token("alice", Duration.ofMinutes(15)).split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"mallory\",\"aud\":\"" + HUB + "\",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> signer.verify(parts[0] + "." + forgedPayload + "." + parts[2], true))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
    }

    @Test
    void shouldRejectATokenSignedWithAnotherSecret() {
        TokenSigner other = new TokenSigner("another secret of enough length".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        String foreign = other.sign(new TokenClaims("alice", HUB, NOW.plusSeconds(60)));

        assertThatThrownBy(() -> signer.verify(foreign, true)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRejectAnUnsignedAlgNoneToken() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = token("alice", Duration.ofMinutes(1)).split("\\.")[1];

        assertThatThrownBy(() -> signer.verify(header + "." + payload + ".", true)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRejectGarbage() {
        assertThatThrownBy(() -> signer.verify("not-a-token", true)).isInstanceOf(InvalidTokenException.class).hasMessage("Malformed access token");
        assertThatThrownBy(() -> signer.verify("a.b.c!", true)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRefuseAShortSecret() {
        assertThatThrownBy(() -> new TokenSigner(new byte[8], Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
