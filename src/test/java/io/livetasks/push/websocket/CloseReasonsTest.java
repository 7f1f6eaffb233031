package io.livetasks.push.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseReasonsTest {

    @Test
    void shouldKeepShortReasonsAsTheyAre() {
        assertThat(CloseReasons.truncate("resync")).isEqualTo("resync");
    }

    @Test
    void shouldCutNonAsciiReasonsToTheFrameLimitWithoutSplittingACharacter() {
        String reason = "Bad list id or since: " + "ü€😀".repeat(40);

        String cut = CloseReasons.truncate(reason);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CloseReasons.MAX_BYTES);
        assertThat(reason).startsWith(cut);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(CloseReasons.MAX_BYTES - 4);
    }
}
