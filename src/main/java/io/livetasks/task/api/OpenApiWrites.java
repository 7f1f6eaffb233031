package io.livetasks.task.api;

/**
 * The texts with which the OpenAPI document describes the write headers (docs/writes.md), in one place for the
 * annotations of every write. The 409, 412 and 422 answers are added by {@code web.OpenApiProblems} to the
 * operations that take these headers.
 */
final class OpenApiWrites {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_KEY_DESCRIPTION = "Optional; 1-255 visible ASCII characters, unique per "
            + "intended write. A retry with the same key (same caller, method, path and body) gets the original "
            + "answer again (status, body, Location, ETag, X-Change-Version, plus Idempotent-Replayed: true) and "
            + "changes nothing; the same key with another request is a 422, while the first is in flight a 409. "
            + "Kept for livetasks.idempotency.window.hours (default 24).";

    static final String IF_MATCH_DESCRIPTION = "Optional; the task's ETag (\"<rowVersion>\"), several, or *. When "
            + "the task's row version is none of them, nothing is written and the answer is 412 with the current "
            + "task in the problem's current member. Without it the last writer wins.";

    static final String CHANGE_VERSION = "X-Change-Version";
    static final String CHANGE_VERSION_DESCRIPTION = "The change-tracking version of the write's commit (or a "
            + "higher one): once a stream of the list has delivered every change up to it, the write is in it.";

    static final String ETAG_DESCRIPTION = "The task's row version, quoted (strong): send it back in If-Match.";

    private OpenApiWrites() {
    }
}
