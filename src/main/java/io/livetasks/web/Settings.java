package io.livetasks.web;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * MicroProfile Config for the web layer's filters and JAX-RS providers, which are not CDI beans and so read
 * their settings themselves. Empty where no MicroProfile Config is available (plain unit tests), so that
 * each caller falls back to its default.
 */
final class Settings {

    private Settings() {
    }

    static <T> Optional<T> optional(String key, Class<T> type) {
        try {
            return ConfigProvider.getConfig().getOptionalValue(key, type);
        } catch (IllegalStateException | ServiceConfigurationError e) {
            return Optional.empty();
        }
    }
}
