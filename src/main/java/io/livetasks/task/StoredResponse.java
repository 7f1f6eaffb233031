package io.livetasks.task;

/**
 * The answer a write gave, kept with its {@link IdempotencyKey} so that a retry gets the same answer. The
 * change version is kept beside it ({@link IdempotencyRecord}), since on some databases it is known only
 * after the commit.
 *
 * @param status   HTTP status
 * @param body     JSON body as sent, or {@code null}
 * @param location {@code Location} header, or {@code null}
 * @param etag     {@code ETag} header, or {@code null}
 */
public record StoredResponse(int status, String body, String location, String etag) {
}
