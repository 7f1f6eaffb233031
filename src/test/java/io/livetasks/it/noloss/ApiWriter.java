package io.livetasks.it.noloss;

import io.livetasks.it.Api;
import java.net.http.HttpResponse;
import java.util.Random;

/** Adds, edits, completes and deletes tasks through one instance's REST API, as the {@link Api}'s user (a writer of the lists). */
final class ApiWriter implements Runnable {

    private final Api api;
    private final WriterPool pool;
    private final Random random;

    ApiWriter(Api api, WriterPool pool, long seed) {
        this.api = api;
        this.pool = pool;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try {
            while (pool.claim(1) > 0) {
                try {
                    if (!write()) {
                        pool.failures.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    pool.failures.incrementAndGet(); // e.g. the instance is unavailable for a moment
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One change; false when the API refused it (e.g. 503 while the instance cannot reach the database). */
    private boolean write() {
        long listId = pool.randomList(random);
        long taskId = pool.randomTask(listId, random);
        int dice = random.nextInt(100);
        HttpResponse<String> response;
        if (taskId < 0 || dice < 45) {
            response = api.send("POST", "api/lists/" + listId + "/tasks",
                    Api.JSON.createObjectBuilder().add("title", "api " + random.nextInt(1_000_000)).build().toString());
            if (response.statusCode() == 201) {
                pool.added(listId, Api.object(response.body()).getJsonNumber("id").longValue());
            }
        } else if (dice < 85) {
            String patch = random.nextBoolean()
                    ? Api.JSON.createObjectBuilder().add("title", "edited " + random.nextInt(1_000_000)).build().toString()
                    : Api.JSON.createObjectBuilder().add("completed", random.nextBoolean()).build().toString();
            response = api.send("PATCH", "api/tasks/" + taskId, patch);
        } else {
            response = api.send("DELETE", "api/tasks/" + taskId, null);
            pool.removed(listId, taskId);
        }
        int status = response.statusCode();
        if (status == 404) {
            pool.removed(listId, taskId); // another writer deleted it: nothing changed
            return true;
        }
        if (status < 300) {
            pool.apiWrites.incrementAndGet();
            pool.changes.incrementAndGet();
            return true;
        }
        return false;
    }
}
