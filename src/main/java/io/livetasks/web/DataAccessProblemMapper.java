package io.livetasks.web;

import io.livetasks.task.DataAccessException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Database failures: 503 with {@code Retry-After} when the database is unreachable or busy (the client may
 * simply retry), 500 otherwise. Logged here, never sent to the client.
 */
@Provider
public class DataAccessProblemMapper implements ExceptionMapper<DataAccessException> {

    private static final Logger LOG = Logger.getLogger(DataAccessProblemMapper.class.getName());
    /** What a client is told to wait before retrying when the database is unavailable. */
    private static final String RETRY_AFTER_SECONDS = "2";

    @Override
    public Response toResponse(DataAccessException exception) {
        Response.Status status = logged(exception);
        Response problem = Problem.of(status, detail(status)).toResponse();
        return status == Response.Status.SERVICE_UNAVAILABLE
                ? Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build()
                : problem;
    }

    /** The same answer from servlet code (the plain SSE endpoint, which is not JAX-RS). */
    public static void write(DataAccessException exception, HttpServletResponse response) throws IOException {
        Response.Status status = logged(exception);
        if (status == Response.Status.SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        ProblemResponses.write(response, status.getStatusCode(), status.getReasonPhrase(), detail(status));
    }

    /** Logs the failure (a short warning when the database is unavailable) and returns the status that answers it. */
    private static Response.Status logged(DataAccessException exception) {
        if (exception.isUnavailable()) {
            LOG.log(Level.WARNING, "Database unavailable: {0}", exception.getMessage());
            return Response.Status.SERVICE_UNAVAILABLE;
        }
        LOG.log(Level.SEVERE, "Database error", exception);
        return Response.Status.INTERNAL_SERVER_ERROR;
    }

    private static String detail(Response.Status status) {
        return status == Response.Status.SERVICE_UNAVAILABLE
                ? "The database is not reachable right now; retry shortly"
                : "Database error; see the server log";
    }
}
