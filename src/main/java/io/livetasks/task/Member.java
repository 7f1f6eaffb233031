package io.livetasks.task;

/** Who may see a list, and as what ({@code owner}, {@code writer} or {@code reader}). */
public record Member(String user, String role) {
}
