package io.livetasks.task;

import java.time.Duration;
import java.util.Optional;

/**
 * Where idempotency keys are kept with their answers (implemented in {@code persistence}, in the database, so
 * that every instance honours every key). Keys are written only by the writes themselves, in their own
 * transaction ({@link Recording}); here they are read and purged.
 */
public interface IdempotencyStore {

    /**
     * The key's record, also while the request that uses it is still in flight (its transaction not yet
     * committed), so that a second request with the key can be told so at once; empty when the key is unused.
     * An answer is returned only once it is committed (until then the record is in flight).
     */
    Optional<IdempotencyRecord> findKey(String user, String key);

    /** Deletes a bounded batch of keys recorded more than {@code age} ago. @return how many were deleted */
    int deleteKeysOlderThan(Duration age);
}
