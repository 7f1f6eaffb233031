package io.livetasks.task.api;

import io.livetasks.task.Task;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API on the real Liberty server and database: CRUD, snapshots, and bad input. */
@ExtendWith(ArquillianExtension.class)
class TaskApiIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void shouldCreateAListAndListIt() {
        JsonObject list = api.createList("Groceries");

        assertThat(list.getString("name")).isEqualTo("Groceries");
        assertThat(Api.array(api.get("api/lists").body()).getValuesAs(JsonObject.class))
                .anySatisfy(l -> assertThat(l.getJsonNumber("id").longValue()).isEqualTo(list.getJsonNumber("id").longValue()));
    }

    @Test
    void shouldAddEditCompleteAndDeleteATask() {
        long listId = api.createList("Chores").getJsonNumber("id").longValue();
        JsonObject task = api.addTask(listId, "  Wash the car ");
        long taskId = task.getJsonNumber("id").longValue();
        assertThat(task.getString("title")).isEqualTo("Wash the car");
        assertThat(task.getBoolean("completed")).isFalse();
        assertThat(task.getJsonNumber("listId").longValue()).isEqualTo(listId);

        HttpResponse<String> edited = api.send("PATCH", "api/tasks/" + taskId, "{\"title\":\"Wash the bike\"}");
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(Api.object(edited.body()).getString("title")).isEqualTo("Wash the bike");

        HttpResponse<String> completed = api.send("PATCH", "api/tasks/" + taskId, "{\"completed\":true}");
        assertThat(Api.object(completed.body()).getBoolean("completed")).isTrue();
        assertThat(Api.object(completed.body()).getString("title")).isEqualTo("Wash the bike");

        JsonObject snapshot = api.snapshot(listId);
        assertThat(snapshot.getJsonObject("list").getString("name")).isEqualTo("Chores");
        assertThat(snapshot.getJsonArray("tasks").getValuesAs(JsonObject.class)).singleElement()
                .satisfies(t -> assertThat(t.getBoolean("completed")).isTrue());
        assertThat(snapshot.getJsonNumber("version").longValue()).isPositive();

        assertThat(api.send("DELETE", "api/tasks/" + taskId, null).statusCode()).isEqualTo(204);
        assertThat(api.snapshot(listId).getJsonArray("tasks")).isEmpty();
        assertThat(api.send("DELETE", "api/tasks/" + taskId, null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldReadTheSnapshotAtTheVersionOfTheLastWrite() {
        long listId = api.createList("Versions").getJsonNumber("id").longValue();
        long before = api.snapshot(listId).getJsonNumber("version").longValue();
        api.addTask(listId, "one");

        long after = api.snapshot(listId).getJsonNumber("version").longValue();

        assertThat(after).isGreaterThan(before);
    }

    @Test
    void shouldRejectABlankTitleAndStoreNothing() {
        long listId = api.createList("Blank").getJsonNumber("id").longValue();

        HttpResponse<String> response = api.send("POST", "api/lists/" + listId + "/tasks", "{\"title\":\"   \"}");

        assertProblem(response, 400);
        assertThat(Api.object(response.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("title");
        assertThat(api.snapshot(listId).getJsonArray("tasks")).isEmpty();
    }

    @Test
    void shouldRejectAnOverlongTitleAndStoreNothing() {
        long listId = api.createList("Long").getJsonNumber("id").longValue();

        HttpResponse<String> response = api.send("POST", "api/lists/" + listId + "/tasks",
                "{\"title\":\"" + "x".repeat(Task.MAX_TITLE_LENGTH + 1) + "\"}");

        assertProblem(response, 400);
        assertThat(Api.object(response.body()).getString("detail")).contains("title");
        assertThat(api.snapshot(listId).getJsonArray("tasks")).isEmpty();
    }

    @Test
    void shouldRejectMalformedJson() {
        long listId = api.createList("Malformed").getJsonNumber("id").longValue();

        assertProblem(api.send("POST", "api/lists/" + listId + "/tasks", "{\"title\": "), 400);
        assertProblem(api.send("POST", "api/lists", "not json"), 400);
        assertThat(api.snapshot(listId).getJsonArray("tasks")).isEmpty();
    }

    @Test
    void shouldRejectWrongTypesAndLeaveTheTaskUnchanged() {
        long listId = api.createList("Types").getJsonNumber("id").longValue();
        long taskId = api.addTask(listId, "typed").getJsonNumber("id").longValue();

        assertProblem(api.send("PATCH", "api/tasks/" + taskId, "{\"completed\":\"yes\"}"), 400);
        assertProblem(api.send("PATCH", "api/tasks/" + taskId, "{\"title\":{\"nested\":1}}"), 400);
        assertProblem(api.send("PATCH", "api/tasks/" + taskId, "{}"), 400);
        assertProblem(api.send("POST", "api/lists/" + listId + "/tasks", ""), 400);

        JsonObject task = api.snapshot(listId).getJsonArray("tasks").getJsonObject(0);
        assertThat(task.getString("title")).isEqualTo("typed");
        assertThat(task.getBoolean("completed")).isFalse();
    }

    @Test
    void shouldAnswer404ForUnknownIds() {
        assertProblem(api.get("api/lists/987654321"), 404);
        assertProblem(api.send("POST", "api/lists/987654321/tasks", "{\"title\":\"orphan\"}"), 404);
        assertProblem(api.send("PATCH", "api/tasks/987654321", "{\"completed\":true}"), 404);
        assertProblem(api.get("api/lists/not-a-number"), 404);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = Api.object(response.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
    }
}
