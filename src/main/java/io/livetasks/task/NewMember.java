package io.livetasks.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request body of {@code POST /api/lists/{listId}/members}: share the list with a user, or change their role. */
public record NewMember(
        @NotBlank(message = "must not be blank")
        @Size(max = NewMember.MAX_USER_LENGTH, message = "must be at most {max} characters")
        String user,
        @NotNull(message = "is required")
        @Pattern(regexp = "reader|writer", message = "must be reader or writer")
        String role) {

    public static final int MAX_USER_LENGTH = 128;
}
