package io.livetasks.task;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request body of {@code PATCH /api/tasks/{taskId}}: either field may be left out, not both.
 * A present title follows the same rules as a new one.
 */
public record TaskPatch(
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Size(max = Task.MAX_TITLE_LENGTH, message = "must be at most {max} characters")
        String title,
        Boolean completed) {

    @AssertTrue(message = "give title and/or completed")
    public boolean isChange() {
        return title != null || completed != null;
    }
}
