package io.livetasks.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstThenRefuseUntilTokensRefill() {
        WriteRateLimit limit = new WriteRateLimit(10, 3);
        long start = 1_000 * SECOND;

        assertThat(limit.take("alice", start)).isTrue();
        assertThat(limit.take("alice", start)).isTrue();
        assertThat(limit.take("alice", start)).isTrue();
        assertThat(limit.take("alice", start)).as("burst used up").isFalse();
        assertThat(limit.take("alice", start + SECOND / 10)).as("one token after 100 ms at 10/s").isTrue();
        assertThat(limit.take("alice", start + SECOND / 10)).isFalse();
    }

    @Test
    void shouldCountEachUserSeparately() {
        WriteRateLimit limit = new WriteRateLimit(1, 1);
        long now = 5 * SECOND;

        assertThat(limit.take("alice", now)).isTrue();
        assertThat(limit.take("alice", now)).isFalse();
        assertThat(limit.take("bob", now)).isTrue();
    }

    @Test
    void shouldNeverHoldMoreThanTheBurst() {
        WriteRateLimit limit = new WriteRateLimit(100, 2);
        long now = 5 * SECOND;
        limit.take("alice", now);

        long later = now + 3_600 * SECOND;
        assertThat(limit.take("alice", later)).isTrue();
        assertThat(limit.take("alice", later)).isTrue();
        assertThat(limit.take("alice", later)).isFalse();
    }
}
