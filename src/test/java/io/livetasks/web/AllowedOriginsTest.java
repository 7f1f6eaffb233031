package io.livetasks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    private final AllowedOrigins none = new AllowedOrigins(Set.of());

    @Test
    void shouldAllowRequestsWithoutAnOrigin() {
        assertThat(none.allows(null, "localhost:9080")).isTrue();
    }

    @Test
    void shouldAllowTheServersOwnOriginWhateverTheScheme() {
        assertThat(none.allows("http://localhost:9080", "localhost:9080")).isTrue();
        assertThat(none.allows("https://tasks.example.com", "tasks.example.com")).as("behind a TLS proxy").isTrue();
    }

    @Test
    void shouldRefuseOtherHostsPortsAndNullOrigins() {
        assertThat(none.allows("http://evil.example", "localhost:9080")).isFalse();
        assertThat(none.allows("http://localhost:9999", "localhost:9080")).isFalse();
        assertThat(none.allows("null", "localhost:9080")).isFalse();
        assertThat(none.allows("not a url", "localhost:9080")).isFalse();
    }

    @Test
    void shouldAllowConfiguredOrigins() {
        AllowedOrigins listed = new AllowedOrigins(Set.of("https://App.Example.com/"));

        assertThat(listed.allows("https://app.example.com", "api.example.com")).isTrue();
        assertThat(listed.allows("https://other.example.com", "api.example.com")).isFalse();
    }
}
