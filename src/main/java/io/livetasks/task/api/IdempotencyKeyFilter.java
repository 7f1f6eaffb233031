package io.livetasks.task.api;

import io.livetasks.task.IdempotencyKey;
import io.livetasks.web.InvalidHeaderException;
import io.livetasks.web.RequestLimits;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;

/**
 * Before an {@link Idempotent} write: a request without {@value #HEADER} passes untouched; one with an invalid
 * key (not 1-255 visible ASCII characters, or the header twice) is a 400; otherwise the request's fingerprint
 * ({@link RequestHash}) is taken over the body's bytes, which are then handed on unchanged, and the
 * {@link IdempotencyKey} is left for the method as the request property {@value #PROPERTY}.
 *
 * <p>Runs after authentication and the write rate limit (a caller is known; a replay counts as a write).
 * Bodies over the request limit are read no further than the limit here; the JSON reader refuses them (413).
 */
@Provider
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyKeyFilter implements ContainerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final String PROPERTY = "io.livetasks.idempotency-key";

    private final RequestLimits limits = RequestLimits.configured();

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        List<String> values = request.getHeaders().get(HEADER);
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw new InvalidHeaderException("Send one " + HEADER + " header, not " + values.size());
        }
        String key = values.get(0);
        if (!IdempotencyKey.isValid(key)) {
            throw new InvalidHeaderException(HEADER + " must be 1 to " + IdempotencyKey.MAX_LENGTH
                    + " visible ASCII characters (no spaces)");
        }
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null) {
            return;
        }
        byte[] body = new byte[0];
        if (request.hasEntity()) {
            try (InputStream entity = request.getEntityStream()) {
                body = entity.readNBytes(limits.maxBodyBytes() + 1);
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        String path = request.getUriInfo().getPath();
        request.setProperty(PROPERTY, new IdempotencyKey(caller.getName(), key,
                RequestHash.of(request.getMethod(), path.startsWith("/") ? path : "/" + path, body)));
    }
}
