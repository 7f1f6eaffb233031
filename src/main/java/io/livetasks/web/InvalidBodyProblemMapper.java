package io.livetasks.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unreadable request bodies: 400, listing the offending fields when there are any. */
@Provider
public class InvalidBodyProblemMapper implements ExceptionMapper<InvalidBodyException> {

    @Override
    public Response toResponse(InvalidBodyException exception) {
        Response.Status status = Response.Status.BAD_REQUEST;
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), exception.getMessage(),
                exception.errors().isEmpty() ? null : exception.errors()).toResponse();
    }
}
