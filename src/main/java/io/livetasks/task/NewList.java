package io.livetasks.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request body of {@code POST /api/lists}. */
public record NewList(
        @NotBlank(message = "must not be blank")
        @Size(max = NewList.MAX_NAME_LENGTH, message = "must be at most {max} characters")
        String name) {

    public static final int MAX_NAME_LENGTH = 200;
}
