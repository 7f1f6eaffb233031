package io.livetasks.changefeed;

/**
 * The requested version is below the min valid version: the changes after it were cleaned up, so the
 * reader must reload a snapshot ("resync") instead of continuing from it.
 */
public class VersionTooOldException extends RuntimeException {

    private final long requestedVersion;
    private final long minValidVersion;

    public VersionTooOldException(long requestedVersion, long minValidVersion) {
        super("version " + requestedVersion + " is below the min valid version " + minValidVersion);
        this.requestedVersion = requestedVersion;
        this.minValidVersion = minValidVersion;
    }

    public long requestedVersion() {
        return requestedVersion;
    }

    public long minValidVersion() {
        return minValidVersion;
    }
}
