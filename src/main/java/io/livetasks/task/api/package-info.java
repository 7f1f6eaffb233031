/** The REST endpoints of lists and tasks ({@code /api/lists}, {@code /api/tasks}): JSON in, JSON or problem details out. */
package io.livetasks.task.api;
