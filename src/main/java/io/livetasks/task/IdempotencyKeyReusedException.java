package io.livetasks.task;

/**
 * A request came with an idempotency key that the caller already used for another request (another method,
 * path or body): HTTP 422, nothing done. A key names one request; a new request needs a new key.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used for a different request (method, path or body); "
                + "use a new key for a new request");
    }
}
