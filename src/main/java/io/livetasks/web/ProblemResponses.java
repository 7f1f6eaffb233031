package io.livetasks.web;

import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Problem details written by servlet code, outside JAX-RS (same body as {@link Problem}). */
public final class ProblemResponses {

    /** Looked up once: {@code Json.create…} looks the provider up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ProblemResponses() {
    }

    /**
     * 401 for a request that carried no valid credentials, as the REST API answers it ({@link Authenticated}):
     * with the challenge, except to a page's own script-driven requests (they carry {@link CrossSiteRequests#HEADER}).
     */
    public static void signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader(CrossSiteRequests.HEADER) == null) {
            response.setHeader("WWW-Authenticate", Authenticated.CHALLENGE);
        }
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", Authenticated.SIGN_IN_FIRST);
    }

    /** 401 with the Basic challenge. */
    public static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", Authenticated.CHALLENGE);
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        byte[] body = JSON.createObjectBuilder()
                .add("type", "about:blank").add("title", title).add("status", status).add("detail", detail)
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
