package io.livetasks.web;

import io.livetasks.task.IdempotencyKeyReusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An idempotency key the caller already used for another request (method, path or body): 422, nothing done. */
@Provider
public class IdempotencyReuseProblemMapper implements ExceptionMapper<IdempotencyKeyReusedException> {

    /** Unprocessable Content (RFC 9110), which JAX-RS 3.1's Response.Status does not name. */
    private static final int UNPROCESSABLE_CONTENT = 422;

    @Override
    public Response toResponse(IdempotencyKeyReusedException exception) {
        return new Problem("about:blank", "Unprocessable Content", UNPROCESSABLE_CONTENT, exception.getMessage(), null)
                .toResponse();
    }
}
