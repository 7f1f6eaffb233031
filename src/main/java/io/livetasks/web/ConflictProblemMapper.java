package io.livetasks.web;

import io.livetasks.task.ConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request that contradicts the list's state (changing or removing its owner): 409. */
@Provider
public class ConflictProblemMapper implements ExceptionMapper<ConflictException> {

    @Override
    public Response toResponse(ConflictException exception) {
        return Problem.of(Response.Status.CONFLICT, exception.getMessage()).toResponse();
    }
}
