package io.livetasks.web;

import io.livetasks.task.DataAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
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
    public static final String RETRY_AFTER_SECONDS = "2";

    @Override
    public Response toResponse(DataAccessException exception) {
        if (exception.isUnavailable()) {
            LOG.log(Level.WARNING, "Database unavailable: {0}", exception.getMessage());
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                            "The database is not reachable right now; retry shortly").toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.log(Level.SEVERE, "Database error", exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Database error; see the server log").toResponse();
    }
}
