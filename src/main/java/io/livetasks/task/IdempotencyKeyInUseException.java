package io.livetasks.task;

/**
 * A request came with an idempotency key whose first request is still in flight (HTTP 409): nothing was
 * done; retry with the same key once the first has answered.
 */
public class IdempotencyKeyInUseException extends RuntimeException {

    public IdempotencyKeyInUseException() {
        super("A request with this Idempotency-Key is still in progress; retry it with the same key shortly");
    }
}
