package io.livetasks.push.signalr.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordReaderTest {

    private static final String RS = "\u001e";

    @Test
    void shouldSplitSeveralRecordsSentTogether() throws Exception {
        RecordReader reader = new RecordReader(1024);

        assertThat(reader.feed("{\"type\":6}" + RS + "{\"type\":7}" + RS)).containsExactly("{\"type\":6}", "{\"type\":7}");
        assertThat(reader.hasPartialRecord()).isFalse();
    }

    @Test
    void shouldJoinARecordThatSpansSeveralFrames() throws Exception {
        RecordReader reader = new RecordReader(1024);

        assertThat(reader.feed("{\"type\"")).isEmpty();
        assertThat(reader.hasPartialRecord()).isTrue();
        assertThat(reader.feed(":6}" + RS + "{")).containsExactly("{\"type\":6}");
        assertThat(reader.feed("}" + RS)).containsExactly("{}");
    }

    @Test
    void shouldAcceptARecordOfExactlyTheLimit() throws Exception {
        RecordReader reader = new RecordReader(10);

        assertThat(reader.feed("x".repeat(10) + RS)).containsExactly("x".repeat(10));
    }

    @Test
    void shouldRefuseARecordOverTheLimitEvenBeforeItsSeparatorArrives() {
        RecordReader reader = new RecordReader(10);

        assertThatThrownBy(() -> reader.feed("x".repeat(11)))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("maximum size of 10 bytes");
    }

    @Test
    void shouldCountTheLimitInUtf8Bytes() {
        RecordReader reader = new RecordReader(10);

        assertThatThrownBy(() -> reader.feed("ééééé€" + RS)).isInstanceOf(MessageTooLargeException.class);
        assertThat(RecordReader.utf8Length("aé€😀", 0, 5)).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void shouldApplyTheLimitPerRecordNotPerFeed() throws Exception {
        RecordReader reader = new RecordReader(10);

        assertThat(reader.feed(("y".repeat(8) + RS).repeat(5))).hasSize(5);
    }
}
