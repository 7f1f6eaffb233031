package io.livetasks.persistence.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class H2RetentionTest {

    @Test
    void shouldUseTheDefaultWhereNoMicroProfileConfigRuns() {
        assertThat(H2Retention.configured()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldReadIsoDurations() {
        assertThat(H2Retention.parse(" PT30M ")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldRejectMalformedOrNonPositiveRetention() {
        assertThatThrownBy(() -> H2Retention.parse("2h")).hasMessageContaining(H2Retention.KEY);
        assertThatThrownBy(() -> H2Retention.parse("PT0S")).hasMessageContaining("positive");
        assertThatThrownBy(() -> H2Retention.parse("-PT1H")).hasMessageContaining("positive");
    }
}
