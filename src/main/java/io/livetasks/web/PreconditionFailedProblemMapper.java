package io.livetasks.web;

import io.livetasks.task.PreconditionFailedException;
import io.livetasks.task.Task;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A conditional write ({@code If-Match}) that found the task changed by someone else: 412, nothing written.
 * The problem's {@code current} member is the task as it is now (with its rowVersion), and {@code ETag} is
 * its entity tag, so that the client can show the other change and re-apply its own with the new tag.
 */
@Provider
public class PreconditionFailedProblemMapper implements ExceptionMapper<PreconditionFailedException> {

    /** RFC 9457 problem details with the extension member {@code current}. */
    @JsonbPropertyOrder({"type", "title", "status", "detail", "current"})
    public record CurrentStateProblem(String type, String title, int status, String detail, Task current) {
    }

    @Override
    public Response toResponse(PreconditionFailedException exception) {
        Response.Status status = Response.Status.PRECONDITION_FAILED;
        Task current = exception.current();
        return Response.status(status).type(Problem.MEDIA)
                .header(HttpHeaders.ETAG, "\"" + current.rowVersion() + "\"")
                .entity(new CurrentStateProblem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                        exception.getMessage(), current))
                .build();
    }
}
