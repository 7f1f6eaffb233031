package io.livetasks.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private final Map<String, IdempotencyRecord> records = new HashMap<>();
    private final IdempotencyKeys keys = new IdempotencyKeys(new IdempotencyStore() {
        @Override
        public Optional<IdempotencyRecord> findKey(String user, String key) {
            return Optional.ofNullable(records.get(user + "/" + key));
        }

        @Override
        public int deleteKeysOlderThan(Duration age) {
            throw new IllegalStateException("database down");
        }
    }, null, 24);

    private static final StoredResponse CREATED = new StoredResponse(201, "{}", "http://x/1", "\"e\"");

    @Test
    void shouldFindNoEarlierAnswerForANewKey() {
        assertThat(keys.earlierAnswer(new IdempotencyKey("alice", "k", "h1"))).isEmpty();
    }

    @Test
    void shouldGiveTheEarlierAnswerForTheSameRequest() {
        records.put("alice/k", new IdempotencyRecord("h1", CREATED, 42));

        assertThat(keys.earlierAnswer(new IdempotencyKey("alice", "k", "h1"))).contains(new IdempotencyRecord("h1", CREATED, 42));
    }

    @Test
    void shouldRefuseTheKeyForAnotherRequest() {
        records.put("alice/k", new IdempotencyRecord("h1", CREATED, 42));

        assertThatThrownBy(() -> keys.earlierAnswer(new IdempotencyKey("alice", "k", "h2")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void shouldSayTheKeyIsInUseWhileTheFirstRequestIsInFlight() {
        records.put("alice/k", new IdempotencyRecord("h1", null, 0));

        assertThatThrownBy(() -> keys.earlierAnswer(new IdempotencyKey("alice", "k", "h1")))
                .isInstanceOf(IdempotencyKeyInUseException.class);
    }

    @Test
    void shouldKeepKeysPerCaller() {
        records.put("alice/k", new IdempotencyRecord("h1", CREATED, 42));

        assertThat(keys.earlierAnswer(new IdempotencyKey("bob", "k", "h1"))).isEmpty();
    }

    @Test
    void shouldSurviveAFailedPurge() {
        keys.purge();
    }

    @Test
    void shouldPurgeATenthOfTheWindowBetweenAMinuteAndAnHour() {
        assertThat(IdempotencyKeys.purgeInterval(Duration.ofHours(24))).isEqualTo(Duration.ofHours(1));
        assertThat(IdempotencyKeys.purgeInterval(Duration.ofHours(5))).isEqualTo(Duration.ofMinutes(30));
        assertThat(IdempotencyKeys.purgeInterval(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldRefuseAWindowUnderAnHour() {
        assertThatThrownBy(() -> new IdempotencyKeys(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
