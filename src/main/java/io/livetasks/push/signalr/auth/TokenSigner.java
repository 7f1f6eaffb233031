package io.livetasks.push.signalr.auth;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies access tokens as compact JWTs ({@code header.payload.signature}, base64url without
 * padding) with HMAC-SHA256, the scheme Azure SignalR Service uses for its client tokens. Only
 * {@code alg: HS256} is accepted, so a token cannot downgrade itself to {@code none}. Thread-safe.
 */
public final class TokenSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public TokenSigner(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("The token secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    public String sign(TokenClaims claims) {
        JsonObjectBuilder payload = Json.createObjectBuilder();
        if (claims.subject() != null) {
            payload.add("sub", claims.subject());
        }
        payload.add("aud", claims.audience())
                .add("iat", clock.instant().getEpochSecond())
                .add("exp", claims.expires().getEpochSecond());
        String signed = HEADER + "." + encode(payload.build().toString().getBytes(StandardCharsets.UTF_8));
        return signed + "." + encode(mac(signed));
    }

    /**
     * Checks the signature, then the expiry when {@code checkExpiry}, and returns the claims.
     *
     * @param checkExpiry false to accept an expired but genuine token (for a connection it already opened)
     */
    public TokenClaims verify(String token, boolean checkExpiry) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("Malformed access token");
        }
        byte[] signature = decode(parts[2]);
        if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
            throw new InvalidTokenException("Invalid access token signature");
        }
        JsonObject header = json(parts[0]);
        if (!"HS256".equals(header.getString("alg", null))) {
            throw new InvalidTokenException("Unsupported access token algorithm");
        }
        JsonObject payload = json(parts[1]);
        if (!(payload.get("exp") instanceof JsonNumber exp) || !(payload.get("aud") instanceof JsonString aud)) {
            throw new InvalidTokenException("Access token without 'exp' or 'aud'");
        }
        Instant expires = Instant.ofEpochSecond(exp.longValue());
        if (checkExpiry && !clock.instant().isBefore(expires)) {
            throw new InvalidTokenException("Access token expired at " + expires);
        }
        return new TokenClaims(payload.getString("sub", null), aud.getString(), expires);
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static JsonObject json(String part) throws InvalidTokenException {
        try (JsonReader reader = Json.createReader(new StringReader(new String(decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new InvalidTokenException("Malformed access token");
        }
    }

    private static byte[] decode(String part) throws InvalidTokenException {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("Malformed access token");
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
