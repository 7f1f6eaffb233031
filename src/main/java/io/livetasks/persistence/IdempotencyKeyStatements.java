package io.livetasks.persistence;

/**
 * The idempotency key statements ({@code V12__create_idempotency_key.sql}) in one dialect. The table is not
 * change-tracked. Keys are (user_name, idem_key).
 */
public interface IdempotencyKeyStatements extends DialectStatements {

    /**
     * (user, key, requestHash) → inserts the placeholder of an in-flight request (status NULL). Run first in
     * the write's transaction: a second request with the key waits here for the first one's transaction, then
     * fails on the primary key (or on the lock timeout).
     */
    String insertKey();

    /** (status, location, etag, body, changeVersion or NULL, user, key) → completes the placeholder with the answer. */
    String completeKey();

    /**
     * (user, key) → {@code request_hash, status, location, etag, body, change_version}, or no row. Run at
     * READ UNCOMMITTED, so that it sees (and does not wait for) the placeholder of a request still in flight,
     * and at READ COMMITTED to confirm that an answer it saw is committed.
     */
    String selectKey();

    /** (changeVersion, user, key) → records the change version learnt after the commit, where it was NULL. */
    String updateKeyVersion();

    /** (ageHours) → deletes a bounded batch of keys created more than that many hours ago. */
    String deleteOldKeys();
}
