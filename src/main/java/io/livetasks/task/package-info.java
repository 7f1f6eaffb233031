/**
 * The task-list application: lists and tasks, the {@link io.livetasks.task.TaskStore} contract, the REST
 * resources, and {@link io.livetasks.task.feed.TaskFeed}, which turns change-tracking changes into
 * {@code taskUpdate} messages for the group of each list ({@code list:{id}}).
 */
package io.livetasks.task;
