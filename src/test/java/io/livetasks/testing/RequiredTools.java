package io.livetasks.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a tool outside the JVM (Chromium, Node, npm): on a developer's machine without it they are
 * skipped, saying why; in CI ({@code CI=true}, as GitHub Actions and {@code .ci/run}'s runner set it) they
 * fail, so a green build cannot hide tests that never ran.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** Whether this run is CI: the environment variable {@code CI} is {@code true}. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Returns when {@code available}; else skips the test with {@code why}, or fails it in CI. */
    public static void require(boolean available, String why) {
        if (available) {
            return;
        }
        if (inCi()) {
            fail(why + " (CI=true: this test must run in CI, install the tool)");
        }
        // Said on the console too: surefire and failsafe report a class aborted in @BeforeAll as "Tests run: 0",
        // without the reason (seen with failsafe 3.5.4 on a machine without Chromium).
        System.err.println("[RequiredTools] skipped, not failed (CI is not true): " + why);
        Assumptions.abort(why);
    }
}
