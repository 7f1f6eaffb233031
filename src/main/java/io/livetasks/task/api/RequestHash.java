package io.livetasks.task.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint an idempotency key is bound to: SHA-256 (64 hex digits) of the method, the path and the
 * body's bytes exactly as sent. A retry of the same request has the same fingerprint; the same key with
 * another method, path or body does not (422). Length-prefixed, so that no two different requests can run
 * together into the same bytes.
 */
final class RequestHash {

    private RequestHash() {
    }

    static String of(String method, String path, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : new byte[][] {method.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8), body}) {
                sha256.update(HexFormat.of().toHexDigits(part.length).getBytes(StandardCharsets.US_ASCII));
                sha256.update(part);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
