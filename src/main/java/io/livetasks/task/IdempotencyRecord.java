package io.livetasks.task;

/**
 * What the store keeps of an idempotency key: the request's hash and, once the write committed, its answer.
 *
 * @param requestHash   the hash of the request that first used the key
 * @param response      the answer; {@code null} while the first request is still in flight
 * @param changeVersion the write's change version (or a safe stand-in, see {@link Written}); meaningful only
 *                      with a response
 */
public record IdempotencyRecord(String requestHash, StoredResponse response, long changeVersion) {

    public boolean inFlight() {
        return response == null;
    }
}
