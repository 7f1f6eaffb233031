package io.livetasks.task;

import java.util.Objects;

/**
 * A caller's {@code Idempotency-Key} and the fingerprint of the request it came with. Keys are per caller:
 * the same key sent by another user is another key.
 *
 * @param user        who sent it
 * @param key         1-{@value #MAX_LENGTH} visible ASCII characters ({@link #isValid(String)})
 * @param requestHash a hash of the request (method, path, body): the same key with another request is refused
 */
public record IdempotencyKey(String user, String key, String requestHash) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(requestHash, "requestHash");
        if (!isValid(key)) {
            throw new IllegalArgumentException("Not a valid idempotency key");
        }
    }

    /** 1-255 visible ASCII characters ({@code !} to {@code ~}): no spaces, controls or non-ASCII. */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
