package io.livetasks.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0f8fad5b-d9cb-469f-a165-70867728950e", "!~\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"})
    void shouldAcceptVisibleAscii(String key) {
        assertThat(IdempotencyKey.isValid(key)).isTrue();
        assertThat(new IdempotencyKey("alice", key, "hash").key()).isEqualTo(key);
    }

    @Test
    void shouldAcceptUpTo255Characters() {
        assertThat(IdempotencyKey.isValid("k".repeat(255))).isTrue();
        assertThat(IdempotencyKey.isValid("k".repeat(256))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\there", "new\nline", "caf\u00e9", "\u00a0", "emoji\uD83D\uDE00", "del\u007f"})
    void shouldRefuseEmptySpacesControlsAndNonAscii(String key) {
        assertThat(IdempotencyKey.isValid(key)).isFalse();
        assertThatThrownBy(() -> new IdempotencyKey("alice", key, "hash")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseNoKey() {
        assertThat(IdempotencyKey.isValid(null)).isFalse();
    }
}
