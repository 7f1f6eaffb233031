package io.livetasks.task;

/**
 * The port through which {@link TaskService} says "I just committed a write". The change feed implements
 * it (polling at once, so this instance's clients do not wait for the next tick); the service knows
 * nothing of feeds or pushes. Events themselves always come from change tracking, whoever wrote.
 */
public interface TaskEvents {

    /** A write through the API has committed. Must return quickly and never throw. */
    void committed();
}
