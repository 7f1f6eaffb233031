package io.livetasks.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RowVersionsTest {

    @Test
    void shouldShowARowVersionAsSixteenHexDigits() {
        assertThat(RowVersions.format(0x7d1L)).isEqualTo("00000000000007d1");
        assertThat(RowVersions.format(Long.MAX_VALUE)).isEqualTo("7fffffffffffffff");
    }

    @Test
    void shouldReadBackWhatItShows() {
        assertThat(RowVersions.parse(Set.of(RowVersions.format(123_456_789L)))).containsExactly(123_456_789L);
    }

    @Test
    void shouldLeaveOutWhatNoRowVersionCanBe() {
        assertThat(RowVersions.parse(Set.of("", "7d1", "00000000000007D1", "00000000000007d1x", "0x000000000007d1",
                "zzzzzzzzzzzzzzzz"))).isEmpty();
    }
}
