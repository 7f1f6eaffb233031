package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Version;
import org.junit.jupiter.api.Test;

class VersionCursorTest {

    private static Message versioned(long version, boolean last) {
        return Message.versioned("t", "{}", Version.of(version), last);
    }

    @Test
    void shouldStartBeforeAnyVersion() {
        assertThat(new VersionCursor().deliveredThrough()).isEqualTo(Version.ZERO);
    }

    @Test
    void shouldAlwaysAdmitUnversionedMessagesWithoutMoving() {
        VersionCursor cursor = new VersionCursor(Version.of(5));

        assertThat(cursor.admit(Message.of("resync", "{}"))).isTrue();
        assertThat(cursor.admit(Message.of("resync", "{}"))).isTrue();
        assertThat(cursor.deliveredThrough()).isEqualTo(Version.of(5));
    }

    @Test
    void shouldRejectVersionsAtOrBelowTheDeliveredOne() {
        VersionCursor cursor = new VersionCursor(Version.of(5));

        assertThat(cursor.admit(versioned(4, true))).isFalse();
        assertThat(cursor.admit(versioned(5, true))).isFalse();
        assertThat(cursor.admit(versioned(6, true))).isTrue();
        assertThat(cursor.admit(versioned(6, true))).isFalse();
    }

    @Test
    void shouldMoveOnlyOnTheLastMessageOfAVersion() {
        VersionCursor cursor = new VersionCursor();

        assertThat(cursor.admit(versioned(3, false))).isTrue();
        assertThat(cursor.deliveredThrough()).isEqualTo(Version.ZERO);
        assertThat(cursor.admit(versioned(3, false))).as("more of the same version").isTrue();
        assertThat(cursor.admit(versioned(3, true))).isTrue();

        assertThat(cursor.deliveredThrough()).isEqualTo(Version.of(3));
    }

    @Test
    void shouldNeverMoveBack() {
        VersionCursor cursor = new VersionCursor();
        cursor.advanceTo(Version.of(9));
        cursor.advanceTo(Version.of(4));

        assertThat(cursor.deliveredThrough()).isEqualTo(Version.of(9));
    }
}
