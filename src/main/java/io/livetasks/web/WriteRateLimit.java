package io.livetasks.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Writes per user are rate-limited with a token bucket: {@code livetasks.limits.writes-per-second} (default
 * 20) sustained, bursts up to {@code livetasks.limits.write-burst} (default 40). Over it: 429 problem
 * details with {@code Retry-After: 1}, nothing stored. Reads and streams are not counted here (connections
 * have their own limits).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 2)
public class WriteRateLimit implements ContainerRequestFilter {

    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** Buckets of users idle this long are dropped, so the map holds only recent writers. */
    private static final long FORGET_AFTER_NANOS = 10L * 60 * 1_000_000_000L;


    /** One user's bucket: tokens scaled by 1,000,000 so that refills stay exact in integers. */
    private static final class Bucket {
        long micros;
        long refilledAt;
    }

    private final double perSecond;
    private final long burstMicros;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public WriteRateLimit() {
        this(Settings.optional("livetasks.limits.writes-per-second", Integer.class).orElse(20),
                Settings.optional("livetasks.limits.write-burst", Integer.class).orElse(40));
    }

    WriteRateLimit(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burstMicros = burst * 1_000_000L;
    }

    /** Counts a refusal at {@code /metrics} ({@code livetasks_limits_writes_refused_total}); a rare path. */
    private static void countRefusal() {
        try {
            CDI.current().select(MetricRegistry.class).get().counter(Metadata.builder()
                    .withName("livetasks.limits.writes.refused")
                    .withDescription("Writes refused because their user went over the write rate limit").build()).inc();
        } catch (IllegalStateException e) {
            // No CDI container (plain unit tests): nothing to count into.
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null || !WRITES.contains(request.getMethod())) {
            return;
        }
        if (!take(caller.getName(), System.nanoTime())) {
            countRefusal();
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS,
                    "Too many writes: at most " + perSecond + " per second").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, 1).build());
        }
    }

    /** Takes one token of {@code user}'s bucket at {@code now} (nanoseconds); false when it is empty. */
    boolean take(String user, long now) {
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(user, name -> {
            Bucket fresh = new Bucket();
            fresh.micros = burstMicros;
            fresh.refilledAt = now;
            return fresh;
        });
        synchronized (bucket) {
            long refill = (long) ((now - bucket.refilledAt) / 1_000.0 * perSecond);
            bucket.micros = Math.min(burstMicros, bucket.micros + refill);
            bucket.refilledAt = now;
            if (bucket.micros < 1_000_000L) {
                return false;
            }
            bucket.micros -= 1_000_000L;
            return true;
        }
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last > FORGET_AFTER_NANOS && lastSweep.compareAndSet(last, now)) {
            buckets.entrySet().removeIf(entry -> now - entry.getValue().refilledAt > FORGET_AFTER_NANOS);
        }
    }

}
