package io.livetasks.it;

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
}
