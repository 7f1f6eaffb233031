package io.livetasks.push.signalr.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What an access token says.
 *
 * @param subject  the user ({@code sub}): the caller that {@code /api/negotiate} authenticated
 * @param audience the hub URL the token is for ({@code aud})
 * @param expires  when it stops being valid ({@code exp}, whole seconds); a connection opened with it ends then
 */
public record TokenClaims(String subject, String audience, Instant expires) {

    public TokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(expires, "expires");
    }
}
