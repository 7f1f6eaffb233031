package io.livetasks.task.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write that honours {@code Idempotency-Key}: {@link IdempotencyKeyFilter} checks the header and
 * fingerprints the request before the method runs; the method records the key with its answer
 * ({@link WriteResponses}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Idempotent {
}
