package io.livetasks.task;

/** The user named in a request is no member of the list. */
public class MemberNotFoundException extends UnknownIdException {

    public MemberNotFoundException(long listId, String user) {
        super("User " + user + " is no member of list " + listId);
    }
}
