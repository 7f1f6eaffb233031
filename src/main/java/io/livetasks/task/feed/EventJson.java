package io.livetasks.task.feed;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * Serialises pushed events with one shared, thread-safe JSON-B instance (the same JSON on every transport).
 * Null values are written ({@code "task": null} on deletes), as the event format promises every field.
 */
@ApplicationScoped
public class EventJson {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    public String toJson(Object event) {
        return jsonb.toJson(event);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing to release that matters at shutdown.
        }
    }
}
