package io.livetasks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials for scripts and API clients on the API, the streams and the hub. These paths are
 * not container-protected (so that they answer 401 as problem details, never a login redirect), and the
 * container authenticates only its single sign-on cookie on such paths; this filter hands Basic
 * credentials to the container's own user registry ({@link HttpServletRequest#login}), so they are checked
 * exactly as the login form's are. Wrong credentials are refused at once with 401.
 */
@WebFilter(urlPatterns = {"/api/*", "/ws/*", "/hubs/*"}, asyncSupported = true)
public class BasicCredentials extends HttpFilter {

    private static final String BASIC = "Basic ";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (request.getUserPrincipal() == null && header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            String[] credentials = decode(header.substring(BASIC.length()).strip());
            try {
                if (credentials == null) {
                    throw new ServletException("malformed Basic credentials");
                }
                request.login(credentials[0], credentials[1]);
            } catch (ServletException e) {
                ProblemResponses.unauthorized(response, "Wrong user name or password");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** user and password, or null when the value is not Base64 of {@code user:password}. */
    private static String[] decode(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 1 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
