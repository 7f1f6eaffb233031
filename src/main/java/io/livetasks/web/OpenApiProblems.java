package io.livetasks.web;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the error answers every operation can give to the OpenAPI document, all as problem details
 * ({@link Problem}): {@code 401} always, {@code 400} where a body is read, {@code 404} where the path names a
 * list or task (or one the caller may not see), {@code 403} on writes, {@code 412} where {@code If-Match} is
 * taken, {@code 409} and {@code 422} where {@code Idempotency-Key} is (docs/writes.md). One place instead of
 * the same annotations on every resource method. Registered with {@code mp.openapi.filter} in
 * {@code META-INF/microprofile-config.properties}.
 */
public class OpenApiProblems implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean namesSomething = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                Operation op = operation.getValue();
                if (op.getResponses() == null) {
                    op.setResponses(OASFactory.createAPIResponses());
                }
                APIResponses responses = op.getResponses();
                add(responses, "401", "No valid credentials (HTTP Basic, a bearer token or a signed-in browser session)");
                if (op.getRequestBody() != null) {
                    add(responses, "400", "Malformed JSON, wrong types or invalid fields (listed in errors)");
                }
                if (namesSomething) {
                    add(responses, "404", "No such list or task, or one the caller may not see (the same answer)");
                }
                if (operation.getKey() != PathItem.HttpMethod.GET) {
                    add(responses, "403", "The caller's role does not allow this, or a cross-site browser request");
                }
                if (takesHeader(op, "If-Match")) {
                    add(responses, "412", "If-Match named a row version the task no longer has: nothing was written; "
                            + "the problem's current member is the task as it is now (ETag: its entity tag)");
                }
                if (takesHeader(op, "Idempotency-Key")) {
                    add(responses, "409", "A request with this Idempotency-Key is still in flight (Retry-After: 1)");
                    add(responses, "422", "This Idempotency-Key was already used for another method, path or body");
                }
            }
        }
    }

    private static boolean takesHeader(Operation op, String name) {
        return op.getParameters() != null && op.getParameters().stream()
                .anyMatch(parameter -> parameter.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(parameter.getName()));
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)))));
    }
}
