package io.livetasks.task.feed;

import io.livetasks.changefeed.Version;
import java.util.Optional;

/** Parses a resume version given by a stream's client ({@code Last-Event-ID}, {@code ?since=}). */
final class ResumePoint {

    private ResumePoint() {
    }

    /** @throws IllegalArgumentException when it is given but not a whole number of at least 0 (a 400 for the client) */
    static Optional<Version> parse(String version) {
        if (version == null || version.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(version));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The resume version must be a whole number of at least 0: " + version, e);
        }
    }
}
