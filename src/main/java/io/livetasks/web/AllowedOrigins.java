package io.livetasks.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may use the API, the streams and the hub: this server's own (the same host and
 * port the request was sent to; the scheme is not compared, so TLS ending at a proxy in front does not
 * matter) plus those listed in {@code livetasks.allowed-origins} (environment
 * {@code LIVETASKS_ALLOWED_ORIGINS}, comma-separated, e.g. {@code https://app.example.com}). A request without
 * an {@code Origin} header is no browser's cross-site request (curl, a backend, the official client in Node)
 * and is not judged by this.
 */
public final class AllowedOrigins {

    public static final String KEY = "livetasks.allowed-origins";

    private final Set<String> listed;

    public AllowedOrigins(Set<String> listed) {
        this.listed = listed.stream().map(AllowedOrigins::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** As configured; none listed where no MicroProfile Config is available (plain unit tests). */
    public static AllowedOrigins configured() {
        String value = Settings.optional(KEY, String.class).orElse("");
        return new AllowedOrigins(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    /**
     * @param origin     the request's {@code Origin} header, may be null
     * @param hostHeader the request's {@code Host} header: where the browser sent it ({@code host[:port]});
     *                   a proxy that keeps it lets the comparison hold behind TLS termination
     */
    public boolean allows(String origin, String hostHeader) {
        if (origin == null) {
            return true;
        }
        if (listed.contains(normalise(origin))) {
            return true;
        }
        URI uri;
        URI host;
        try {
            uri = new URI(origin.strip());
            host = new URI("http://" + (hostHeader == null ? "" : hostHeader.strip()));
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || host.getHost() == null || !uri.getHost().equalsIgnoreCase(host.getHost())) {
            return false; // also "null" origins (sandboxed frames, file:), which never match
        }
        if (host.getPort() < 0) {
            return true; // the Host header names no port: the browser used its scheme's default one
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return port == host.getPort();
    }

    private static String normalise(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
