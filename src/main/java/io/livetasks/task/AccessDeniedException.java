package io.livetasks.task;

/** The caller may see the list but not do this to it (a reader writing, a non-owner sharing): HTTP 403. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
