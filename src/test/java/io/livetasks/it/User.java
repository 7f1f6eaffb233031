package io.livetasks.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The embedded default's demo users (liberty/auth-embedded.xml), as the tests sign in. Helpers that take
 * no user act as {@link #ALICE}.
 */
public record User(String name, String password) {

    public static final User ALICE = new User("alice", "alice-demo");
    public static final User BOB = new User("bob", "bob-demo");
    /** The embedded default's demo operator: Liberty's administrator role, which {@code /metrics} requires. */
    public static final User ADMIN = new User("admin", "admin-demo");

    /** The value of an {@code Authorization} header with these credentials (HTTP Basic). */
    public String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Signing in with these credentials as the login page's form does: a POST to {@code j_security_check} under {@code app}. */
    public HttpRequest.Builder loginForm(URI app) {
        String form = "j_username=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(app.resolve("j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    }
}
