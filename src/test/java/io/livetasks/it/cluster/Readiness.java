package io.livetasks.it.cluster;

import io.livetasks.it.Api;
import jakarta.json.JsonObject;

/**
 * What {@code /health/ready} says about an instance's change feed: UP or DOWN, the version published so
 * far, and how many times the poller has queried the database.
 */
public record Readiness(int status, boolean up, long version, long polls, long failures) {

    public static Readiness of(LibertyServer server) throws InterruptedException {
        LibertyServer.Reply reply = server.readiness();
        if (reply.status() == -1 || !reply.body().startsWith("{")) {
            return new Readiness(reply.status(), false, -1, -1, -1);
        }
        JsonObject body = Api.object(reply.body());
        JsonObject data = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(check -> "change-feed".equals(check.getString("name"))).findFirst()
                .map(check -> check.getJsonObject("data")).orElseThrow();
        return new Readiness(reply.status(), "UP".equals(body.getString("status")),
                data.getJsonNumber("version").longValue(), data.getJsonNumber("polls").longValue(),
                data.getJsonNumber("failures").longValue());
    }
}
