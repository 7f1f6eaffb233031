package io.livetasks.it.noloss;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A client's copy of one list, kept as the browser client keeps it (src/main/webapp/js/state.js): a
 * snapshot, then events applied per task, each task remembering the version it was last changed at so that
 * replays and duplicates are ignored. Not thread-safe: one client thread owns it.
 */
final class ListModel {

    /** A task as the check compares it with the database. */
    record TaskState(String title, boolean completed) {
    }

    private final Map<Long, TaskState> tasks = new HashMap<>();
    private final Map<Long, Long> taskVersions = new HashMap<>();
    private final Set<Long> deleted = new HashSet<>();
    private long snapshotVersion;

    /** Replaces everything with a snapshot {@code {list, tasks, version}}. */
    void load(JsonObject snapshot) {
        tasks.clear();
        taskVersions.clear();
        deleted.clear();
        snapshotVersion = snapshot.getJsonNumber("version").longValue();
        snapshot.getJsonArray("tasks").forEach(value -> {
            JsonObject task = value.asJsonObject();
            tasks.put(task.getJsonNumber("id").longValue(), state(task));
        });
    }

    /** Applies a {@code taskUpdate} event. */
    void apply(JsonObject event) {
        long version = event.getJsonNumber("version").longValue();
        long taskId = event.getJsonNumber("taskId").longValue();
        if (version <= snapshotVersion || deleted.contains(taskId) || version <= taskVersions.getOrDefault(taskId, 0L)) {
            return;
        }
        taskVersions.put(taskId, version);
        if ("deleted".equals(event.getString("action"))) {
            tasks.remove(taskId);
            deleted.add(taskId);
        } else {
            tasks.put(taskId, state(event.getJsonObject("task")));
        }
    }

    long snapshotVersion() {
        return snapshotVersion;
    }

    Map<Long, TaskState> tasks() {
        return Map.copyOf(tasks);
    }

    private static TaskState state(JsonObject task) {
        return new TaskState(task.getString("title"), task.getBoolean("completed"));
    }
}
