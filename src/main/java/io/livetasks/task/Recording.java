package io.livetasks.task;

import java.util.function.Function;

/**
 * How a write records its idempotency key: in the same transaction as the write, the key first (so that a
 * concurrent request with the same key waits or is refused), then the answer {@code response} renders from
 * what was written. {@link #none()} records nothing (no {@code Idempotency-Key} was sent).
 */
public record Recording<T>(IdempotencyKey key, Function<? super T, StoredResponse> response) {

    private static final Recording<?> NONE = new Recording<>(null, value -> null);

    @SuppressWarnings("unchecked")
    public static <T> Recording<T> none() {
        return (Recording<T>) NONE;
    }

    public static <T> Recording<T> of(IdempotencyKey key, Function<? super T, StoredResponse> response) {
        return new Recording<>(key, response);
    }

    public boolean isNone() {
        return key == null;
    }
}
