package io.livetasks.task;

/** The list named in a request does not exist. */
public class ListNotFoundException extends RuntimeException {

    public ListNotFoundException(long listId) {
        super("list " + listId + " does not exist");
    }
}
