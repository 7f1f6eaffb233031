package io.livetasks.it;

import io.livetasks.push.signalr.auth.TokenClaims;
import io.livetasks.push.signalr.auth.TokenSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Access tokens signed as the integration-test server signs them (its secret is the known, test-only
 * {@code it.token.secret} of the pom), so that tests can make tokens the server would never issue:
 * short-lived, expired, for another hub.
 */
public final class ItTokens {

    private ItTokens() {
    }

    public static String sign(String user, URI hub, Instant expires) {
        byte[] secret = System.getProperty("it.token.secret", "integration-tests-only-token-secret").getBytes(StandardCharsets.UTF_8);
        return new TokenSigner(secret, Clock.systemUTC()).sign(new TokenClaims(user, hub.toString(), expires));
    }
}
