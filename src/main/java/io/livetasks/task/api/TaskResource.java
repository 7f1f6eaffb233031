package io.livetasks.task.api;

import io.livetasks.task.Task;
import io.livetasks.task.TaskPatch;
import io.livetasks.task.TaskService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/tasks/{taskId}}: edit, complete or delete a task. */
@Path("tasks/{taskId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService service;

    @Inject
    public TaskResource(TaskService service) {
        this.service = service;
    }

    /** For the CDI proxy only. */
    protected TaskResource() {
        this(null);
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Task update(@PathParam("taskId") long taskId, @NotNull(message = "a JSON body is required") @Valid TaskPatch patch,
                       @Context SecurityContext caller) {
        return service.updateTask(Callers.name(caller), taskId, patch);
    }

    @DELETE
    public void delete(@PathParam("taskId") long taskId, @Context SecurityContext caller) {
        service.deleteTask(Callers.name(caller), taskId);
    }
}
