package io.livetasks.task;

/** The list named in a request does not exist. */
public class ListNotFoundException extends UnknownIdException {

    public ListNotFoundException(long listId) {
        super("List " + listId + " does not exist");
    }
}
