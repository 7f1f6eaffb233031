package io.livetasks.web;

import io.livetasks.task.IdempotencyKeyInUseException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An idempotency key whose first request is still in flight: 409 with {@code Retry-After: 1}, nothing done
 * (the draft IETF Idempotency-Key header's answer). A retry with the same key then gets the first answer.
 */
@Provider
public class IdempotencyProblemMapper implements ExceptionMapper<IdempotencyKeyInUseException> {

    @Override
    public Response toResponse(IdempotencyKeyInUseException exception) {
        return Response.fromResponse(Problem.of(Response.Status.CONFLICT, exception.getMessage()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, 1).build();
    }
}
