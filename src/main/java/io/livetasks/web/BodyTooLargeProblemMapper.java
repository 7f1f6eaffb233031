package io.livetasks.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body over the size limit: 413, nothing stored. */
@Provider
public class BodyTooLargeProblemMapper implements ExceptionMapper<BodyTooLargeException> {

    @Override
    public Response toResponse(BodyTooLargeException exception) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, exception.getMessage()).toResponse();
    }
}
