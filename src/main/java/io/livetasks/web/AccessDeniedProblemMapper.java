package io.livetasks.web;

import io.livetasks.task.AccessDeniedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A member doing what their role does not allow (a reader writing, a writer sharing): 403. */
@Provider
public class AccessDeniedProblemMapper implements ExceptionMapper<AccessDeniedException> {

    @Override
    public Response toResponse(AccessDeniedException exception) {
        return Problem.of(Response.Status.FORBIDDEN, exception.getMessage()).toResponse();
    }
}
