package io.livetasks.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request body of {@code POST /api/lists/{listId}/tasks}. */
public record NewTask(
        @NotBlank(message = "must not be blank")
        @Size(max = Task.MAX_TITLE_LENGTH, message = "must be at most {max} characters")
        String title) {
}
