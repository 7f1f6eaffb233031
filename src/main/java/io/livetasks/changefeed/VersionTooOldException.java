package io.livetasks.changefeed;

/**
 * The requested version is below the min valid version: the changes after it were cleaned up, so the
 * reader must reload a snapshot ("resync") instead of continuing from it.
 */
public class VersionTooOldException extends RuntimeException {

    private final Version requestedVersion;
    private final Version minValidVersion;

    public VersionTooOldException(Version requestedVersion, Version minValidVersion) {
        super("version " + requestedVersion + " is below the min valid version " + minValidVersion);
        this.requestedVersion = requestedVersion;
        this.minValidVersion = minValidVersion;
    }

    public Version requestedVersion() {
        return requestedVersion;
    }

    public Version minValidVersion() {
        return minValidVersion;
    }
}
