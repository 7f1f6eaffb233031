package io.livetasks.persistence.h2;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How long the H2 emulation keeps change rows: MicroProfile Config key {@value #KEY}, an ISO-8601 duration
 * such as {@code PT2H} (SQL Server's own retention is set in its migration, 2 days).
 */
final class H2Retention {

    static final String KEY = "livetasks.h2.retention";
    static final Duration DEFAULT = Duration.ofHours(2);

    private static final Logger LOG = Logger.getLogger(H2Retention.class.getName());

    private H2Retention() {
    }

    /** The configured retention, or {@link #DEFAULT} where no MicroProfile Config is available (plain unit tests). */
    static Duration configured() {
        Optional<String> value;
        try {
            value = ConfigProvider.getConfig().getOptionalValue(KEY, String.class);
        } catch (IllegalStateException | ServiceConfigurationError e) {
            LOG.log(Level.FINE, "No MicroProfile Config here ({0}); H2 change retention is {1}",
                    new Object[] {e, DEFAULT});
            return DEFAULT;
        }
        return value.map(H2Retention::parse).orElse(DEFAULT);
    }

    /** @throws IllegalArgumentException when the text is not a positive ISO-8601 duration */
    static Duration parse(String text) {
        Duration retention;
        try {
            retention = Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(KEY + " must be an ISO-8601 duration such as PT2H, not '" + text + "'", e);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(KEY + " must be positive, not " + text);
        }
        return retention;
    }
}
