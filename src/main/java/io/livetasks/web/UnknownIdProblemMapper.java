package io.livetasks.web;

import io.livetasks.task.UnknownIdException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A list or task that does not exist: 404. */
@Provider
public class UnknownIdProblemMapper implements ExceptionMapper<UnknownIdException> {

    @Override
    public Response toResponse(UnknownIdException exception) {
        return Problem.of(Response.Status.NOT_FOUND, exception.getMessage()).toResponse();
    }
}
