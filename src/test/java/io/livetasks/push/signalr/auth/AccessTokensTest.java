package io.livetasks.push.signalr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String HUB = "http://localhost:9080/hubs/tasks";

    @Test
    void shouldIssueTokensForTheUserThatLiveTheConfiguredTime() throws Exception {
        AccessTokens tokens = new AccessTokens(Optional.of("a configured secret of 32 bytes or more"), 900);

        TokenClaims claims = tokens.verify(tokens.issue("alice", HUB), "/hubs/tasks");

        assertThat(claims.subject()).isEqualTo("alice");
        assertThat(tokens.lifetime()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldRefuseAConfiguredSecretShorterThan32BytesWithAClearMessage() {
        assertThatThrownBy(() -> new AccessTokens(Optional.of("too-short-secret"), 900))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("livetasks.token.secret").hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
    }

    @Test
    void shouldSignWithARandomSecretPerInstanceWhenNoneIsConfigured() throws Exception {
        AccessTokens one = new AccessTokens(Optional.empty(), 900);
        AccessTokens other = new AccessTokens(Optional.of(" "), 900);

        String token = one.issue("alice", HUB);

        assertThat(one.verify(token, "/hubs/tasks").subject()).isEqualTo("alice");
        assertThatThrownBy(() -> other.verify(token, "/hubs/tasks")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldAcceptTokensOfAnotherInstanceWithTheSameSecret() throws Exception {
        String secret = "the secret every instance shares, 32+ bytes";

        String token = new AccessTokens(Optional.of(secret), 900).issue("bob", HUB);

        assertThat(new AccessTokens(Optional.of(secret), 900).verify(token, "/hubs/tasks").subject()).isEqualTo("bob");
    }

    @Test
    void shouldRefuseANonPositiveLifetime() {
        assertThatThrownBy(() -> new AccessTokens(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("livetasks.token.ttl.seconds");
    }
}
