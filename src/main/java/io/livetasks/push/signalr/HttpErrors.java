package io.livetasks.push.signalr;

import io.livetasks.push.ConnectionLimits;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Error answers of the hub endpoints: problem details ({@code application/problem+json}), as in the REST API. */
final class HttpErrors {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private HttpErrors() {
    }

    static void send(HttpServletResponse response, int status, String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail)
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static void badRequest(HttpServletResponse response, String detail) throws IOException {
        send(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request", detail);
    }

    static void notFound(HttpServletResponse response, String detail) throws IOException {
        send(response, HttpServletResponse.SC_NOT_FOUND, "Not Found", detail);
    }

    static void conflict(HttpServletResponse response, String detail) throws IOException {
        send(response, HttpServletResponse.SC_CONFLICT, "Conflict", detail);
    }

    /** 429: the client holds as many connections as it may (see {@link ConnectionLimits}). */
    static void tooManyConnections(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Integer.toString(ConnectionLimits.RETRY_AFTER_SECONDS));
        send(response, 429, "Too Many Requests", "Too many connections: close some, or try again later");
    }

    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        send(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }
}
