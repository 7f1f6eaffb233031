package io.livetasks.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.changefeed.Version;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void shouldEncodeOncePerEncoderAndKeepEachEncodersResult() {
        AtomicInteger upperCalls = new AtomicInteger();
        AtomicInteger lengthCalls = new AtomicInteger();
        Function<Message, String> upper = message -> {
            upperCalls.incrementAndGet();
            return message.json().toUpperCase();
        };
        Function<Message, Integer> length = message -> {
            lengthCalls.incrementAndGet();
            return message.json().length();
        };
        Message message = Message.of("t", "abc");

        for (int i = 0; i < 3; i++) {
            assertThat(message.encoded(upper)).isEqualTo("ABC");
            assertThat(message.encoded(length)).isEqualTo(3);
        }

        assertThat(upperCalls).hasValue(1);
        assertThat(lengthCalls).hasValue(1);
        assertThat(Message.of("t", "xyz").encoded(upper)).as("another message, its own form").isEqualTo("XYZ");
    }

    @Test
    void shouldBeEqualByItsComponentsWhateverItsEncodings() {
        Message one = Message.versioned("t", "{}", Version.of(3), true);
        Message other = Message.versioned("t", "{}", Version.of(3), true);
        one.encoded(Message::json);

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(Message.versioned("t", "{}", Version.of(3), false));
    }
}
