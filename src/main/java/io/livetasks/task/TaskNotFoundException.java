package io.livetasks.task;

/** The task named in a request does not exist. */
public class TaskNotFoundException extends UnknownIdException {

    public TaskNotFoundException(long taskId) {
        super("Task " + taskId + " does not exist");
    }
}
