package io.livetasks.changefeed;

/**
 * A resume would replay more changes than allowed ({@code maxChanges}): the reader is told to reload a
 * snapshot ("resync") instead, which costs one query however far behind it is.
 */
public class ReplayTooLargeException extends RuntimeException {

    public ReplayTooLargeException(Version afterVersion, int maxChanges) {
        super("more than " + maxChanges + " changes after version " + afterVersion);
    }
}
