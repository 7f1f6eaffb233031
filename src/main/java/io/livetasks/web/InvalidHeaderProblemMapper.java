package io.livetasks.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Malformed request headers: 400, saying which header and what it must look like. */
@Provider
public class InvalidHeaderProblemMapper implements ExceptionMapper<InvalidHeaderException> {

    @Override
    public Response toResponse(InvalidHeaderException exception) {
        return Problem.of(Response.Status.BAD_REQUEST, exception.getMessage()).toResponse();
    }
}
