/**
 * The task-list application: lists and tasks, the {@link io.livetasks.task.TaskStore} and
 * {@link io.livetasks.task.TaskEvents} ports, the {@link io.livetasks.task.TaskService} use cases, and the
 * change payloads read from the tracked tables ({@link io.livetasks.task.ListChange}). REST endpoints are in
 * {@code task.api}, the wiring of changes to pushes in {@code task.feed}. Imports no transport and no
 * database code.
 */
package io.livetasks.task;
