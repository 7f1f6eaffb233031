package io.livetasks.task;

/** The task named in a request does not exist. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(long taskId) {
        super("task " + taskId + " does not exist");
    }
}
