package io.livetasks.task.api;

import io.livetasks.task.IdempotencyKey;
import io.livetasks.task.IdempotencyKeyInUseException;
import io.livetasks.task.IdempotencyKeys;
import io.livetasks.task.IdempotencyRecord;
import io.livetasks.task.Recording;
import io.livetasks.task.StoredResponse;
import io.livetasks.task.Task;
import io.livetasks.task.Written;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answers of the API's writes (see docs/writes.md), the same whether sent first or replayed:
 * <ul>
 *   <li>{@value #CHANGE_VERSION}: the change version of the write's commit, or a safe higher one: once a
 *       client's stream has delivered every change up to it, the write is reflected in the stream;</li>
 *   <li>{@code ETag} ({@code "<rowVersion>"}, strong) on answers that carry one task;</li>
 *   <li>with an {@code Idempotency-Key}, the answer is recorded with the key in the write's transaction, and a
 *       retry gets it again (status, body, {@code Location}, {@code ETag}, {@value #CHANGE_VERSION}) with
 *       {@value #REPLAYED}{@code : true}.</li>
 * </ul>
 * Bodies are rendered here, to the exact text that is both sent and recorded.
 */
@ApplicationScoped
public class WriteResponses {

    public static final String CHANGE_VERSION = "X-Change-Version";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyKeys keys;
    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    public WriteResponses(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** For the CDI proxy only. */
    protected WriteResponses() {
        this(null);
    }

    /**
     * Runs a write, or replays the answer its idempotency key gave before.
     *
     * @param request the request, which carries the key when the client sent one ({@link IdempotencyKeyFilter})
     * @param answer  the answer to the written value (without the change version, which is added here)
     * @param write   the write, recording the key as told
     */
    public <T> Response write(HttpServletRequest request, Function<? super T, StoredResponse> answer,
                              Function<Recording<T>, Written<T>> write) {
        IdempotencyKey key = (IdempotencyKey) request.getAttribute(IdempotencyKeyFilter.PROPERTY);
        if (key == null) {
            Written<T> written = write.apply(Recording.none());
            return response(answer.apply(written.value()), written.changeVersion(), false);
        }
        Optional<Response> earlier = replay(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            Written<T> written = write.apply(Recording.of(key, answer));
            return response(answer.apply(written.value()), written.changeVersion(), false);
        } catch (IdempotencyKeyInUseException e) {
            // Another request with this key got its placeholder in first: it has committed by now (replay its
            // answer, or 422 if it was another request), or it is still running or rolled back (409: retry).
            return replay(key).orElseThrow(() -> e);
        }
    }

    private Optional<Response> replay(IdempotencyKey key) {
        return keys.earlierAnswer(key).map((IdempotencyRecord record) -> response(record.response(), record.changeVersion(), true));
    }

    /** 201 with the new resource, its JSON and {@code Location}. */
    public StoredResponse created(URI location, Object body, String etag) {
        return new StoredResponse(Response.Status.CREATED.getStatusCode(), json(body), location.toString(), etag);
    }

    /** 200 with JSON. */
    public StoredResponse ok(Object body, String etag) {
        return new StoredResponse(Response.Status.OK.getStatusCode(), json(body), null, etag);
    }

    /** 204. */
    public static StoredResponse noContent() {
        return new StoredResponse(Response.Status.NO_CONTENT.getStatusCode(), null, null, null);
    }

    /** The task's strong entity tag: its row version, quoted. */
    public static String etag(Task task) {
        return "\"" + task.rowVersion() + "\"";
    }

    private String json(Object body) {
        return jsonb.toJson(body);
    }

    static Response response(StoredResponse answer, long changeVersion, boolean replayed) {
        Response.ResponseBuilder response = Response.status(answer.status()).header(CHANGE_VERSION, changeVersion);
        if (answer.body() != null) {
            response.entity(answer.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            response.header(HttpHeaders.ETAG, answer.etag());
        }
        if (replayed) {
            response.header(REPLAYED, "true");
        }
        return response.build();
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
