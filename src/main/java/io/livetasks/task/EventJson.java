package io.livetasks.task;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** Serialises pushed events with one shared, thread-safe JSON-B instance (the same JSON on every transport). */
@ApplicationScoped
public class EventJson {

    private final Jsonb jsonb = JsonbBuilder.create();

    public String toJson(Object event) {
        return jsonb.toJson(event);
    }

    @PreDestroy
    void close() throws Exception {
        jsonb.close();
    }
}
