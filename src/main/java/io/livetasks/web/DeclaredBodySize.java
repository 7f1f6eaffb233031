package io.livetasks.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a request whose declared {@code Content-Length} is over the limit with 413 before any of the body
 * is read (a body without a length is cut off by {@link StrictJsonReader} at the same limit).
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class DeclaredBodySize implements ContainerRequestFilter {

    private final RequestLimits limits = RequestLimits.configured();

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > limits.maxBodyBytes()) {
            request.abortWith(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + limits.maxBodyBytes() + " bytes").toResponse());
        }
    }
}
