package io.livetasks.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Assertions on problem details (RFC 9457), the body of every error answer of the API. */
public final class Problems {

    private Problems() {
    }

    /** The response is a problem of {@code status}, with a title and a detail that leaks no exception; returns it. */
    public static JsonObject assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = Api.object(response.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
        return problem;
    }

    /** A 401 problem that tells the client how to sign in ({@code WWW-Authenticate: Basic}). */
    public static JsonObject assertUnauthorized(HttpResponse<String> response) {
        JsonObject problem = assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"livetasks\""));
        return problem;
    }
}
