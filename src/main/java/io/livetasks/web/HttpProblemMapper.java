package io.livetasks.web;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * Everything else, as problem details: unreadable JSON (400), JAX-RS errors such as unknown paths,
 * methods or media types (their own status), and unexpected failures (500, logged, no stack trace sent).
 */
@Provider
public class HttpProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(HttpProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        if (isUnreadableJson(exception)) {
            return Problem.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON for this resource: "
                    + rootMessage(exception)).toResponse();
        }
        if (exception instanceof NotFoundException) {
            return Problem.of(Response.Status.NOT_FOUND, "No such resource").toResponse();
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            if (status.getStatusCode() >= 500) {
                LOG.log(Level.WARNING, "Request failed", exception);
            }
            Response problem = Problem.of(status, detail(web, status)).toResponse();
            String retryAfter = web.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER);
            return retryAfter == null ? problem : Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, retryAfter).build();
        }
        LOG.log(Level.SEVERE, "Unexpected error while serving a request", exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Unexpected error; see the server log").toResponse();
    }

    /** Container messages carry codes such as {@code RESTEASY003210:} and internal names: not for clients. */
    private static final Pattern CONTAINER_MESSAGE = Pattern.compile("^[A-Z]{4,}\\d{3,}[A-Z]?:.*", Pattern.DOTALL);

    private static String detail(WebApplicationException exception, Response.StatusType status) {
        String message = exception.getMessage();
        if (message == null || message.isBlank() || CONTAINER_MESSAGE.matcher(message).matches()
                || message.startsWith("HTTP " + status.getStatusCode())) {
            return status.getReasonPhrase();
        }
        return bounded(message);
    }

    private static boolean isUnreadableJson(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return true;
            }
            if (t instanceof ProcessingException && t.getCause() == null) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null) {
            return "unreadable";
        }
        return bounded(message);
    }

    /** Parser and container messages can be long and quote the input back: the first line, bounded. */
    private static String bounded(String message) {
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
