package io.livetasks.push.signalr.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What an access token says.
 *
 * @param subject  the user ({@code sub}), or null for an anonymous token
 * @param audience the hub URL the token is for ({@code aud})
 * @param expires  when it stops being accepted for new connections ({@code exp}, whole seconds)
 */
public record TokenClaims(String subject, String audience, Instant expires) {

    public TokenClaims {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(expires, "expires");
    }
}
