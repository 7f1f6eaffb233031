package io.livetasks.web;


/**
 * Limits on what one API request may carry. {@code livetasks.request.max-bytes} (environment
 * {@code LIVETASKS_REQUEST_MAX_BYTES}, default 64 KiB): a larger body is refused with 413 before it is read.
 * Read from MicroProfile Config when first needed (JAX-RS providers here are not CDI beans).
 */
public record RequestLimits(int maxBodyBytes) {

    public static final String MAX_BYTES_KEY = "livetasks.request.max-bytes";
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    public RequestLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException(MAX_BYTES_KEY + " must be positive: " + maxBodyBytes);
        }
    }

    /** The configured limits; the defaults where no MicroProfile Config is available (plain unit tests). */
    public static RequestLimits configured() {
        return new RequestLimits(Settings.optional(MAX_BYTES_KEY, Integer.class).orElse(DEFAULT_MAX_BYTES));
    }
}
