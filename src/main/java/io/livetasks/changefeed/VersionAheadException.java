package io.livetasks.changefeed;

/**
 * The requested version is ahead of the database's current version: the cursor comes from another database
 * or from before the database was restored or reset. Nothing after it can be trusted, so the reader must
 * reload a snapshot ("resync"), exactly as for a version that is too old.
 */
public class VersionAheadException extends RuntimeException {

    private final Version currentVersion;

    public VersionAheadException(Version requestedVersion, Version currentVersion) {
        super("version " + requestedVersion + " is ahead of the database's current version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public Version currentVersion() {
        return currentVersion;
    }
}
