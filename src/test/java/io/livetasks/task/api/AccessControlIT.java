package io.livetasks.task.api;

import static io.livetasks.it.Problems.assertProblem;
import static io.livetasks.it.Problems.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may see and change a list over the REST API, on the real server with its embedded users: a user who
 * is no member of a list is told it does not exist (404, nothing of it in the answer) on every path, before
 * it is shared and again after they are removed; a reader may not write (403); nobody gets anything without
 * valid credentials (401). The streams are checked in {@code task.feed.StreamAccessIT}.
 */
@ExtendWith(ArquillianExtension.class)
class AccessControlIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api alice;
    private Api bob;

    @BeforeEach
    void clients() {
        alice = new Api(base);
        bob = alice.as(User.BOB);
    }

    /** A list of alice's with one task; its name and the task's title are what must never reach anyone else. */
    private record Secret(long listId, long taskId, String name, String title) {
    }

    private Secret alicesList(String label) {
        String name = "alice's " + label;
        long listId = alice.createList(name).getJsonNumber("id").longValue();
        String title = "secret task of " + label;
        long taskId = alice.addTask(listId, title).getJsonNumber("id").longValue();
        return new Secret(listId, taskId, name, title);
    }

    @Test
    void shouldAnswer404ToANonMemberOnEveryPathOfTheList() {
        Secret secret = alicesList("not shared");

        for (HttpResponse<String> response : everyPathOf(bob, secret)) {
            assertProblem(response, 404);
            assertThat(response.body()).doesNotContain(secret.name(), secret.title());
        }
        assertUnchanged(secret, "alice");
    }

    @Test
    void shouldAnswerTheSameForAnotherUsersListAsForAListThatDoesNotExist() {
        Secret secret = alicesList("existence");

        JsonObject hidden = assertProblem(bob.get("api/lists/" + secret.listId()), 404);
        JsonObject missing = assertProblem(bob.get("api/lists/987654321"), 404);

        assertThat(hidden.getString("title")).isEqualTo(missing.getString("title"));
        assertThat(hidden.getString("detail").replace(Long.toString(secret.listId()), "ID"))
                .isEqualTo(missing.getString("detail").replace("987654321", "ID"));
    }

    @Test
    void shouldListOnlyTheCallersOwnAndSharedListsWithTheirRole() {
        Secret secret = alicesList("listing");
        assertThat(listIds(bob)).doesNotContain(secret.listId());

        alice.share(secret.listId(), User.BOB, "reader");

        assertThat(lists(bob)).filteredOn(l -> l.getJsonNumber("id").longValue() == secret.listId()).singleElement()
                .satisfies(l -> assertThat(l.getString("role")).isEqualTo("reader"));
        assertThat(lists(alice)).filteredOn(l -> l.getJsonNumber("id").longValue() == secret.listId()).singleElement()
                .satisfies(l -> assertThat(l.getString("role")).isEqualTo("owner"));
    }

    @Test
    void shouldAnswer404OnEveryPathAgainOnceTheMemberIsRemoved() {
        Secret secret = alicesList("removed writer");
        alice.share(secret.listId(), User.BOB, "writer");
        assertThat(bob.get("api/lists/" + secret.listId()).statusCode()).isEqualTo(200);

        alice.unshare(secret.listId(), User.BOB);

        for (HttpResponse<String> response : everyPathOf(bob, secret)) {
            assertProblem(response, 404);
            assertThat(response.body()).doesNotContain(secret.name(), secret.title());
        }
        assertThat(listIds(bob)).doesNotContain(secret.listId());
        assertUnchanged(secret, "alice");
    }

    @Test
    void shouldRefuseEveryWriteOfAReaderWith403AndStoreNothing() {
        Secret secret = alicesList("reader");
        alice.share(secret.listId(), User.BOB, "reader");

        assertProblem(bob.send("POST", "api/lists/" + secret.listId() + "/tasks", "{\"title\":\"by a reader\"}"), 403);
        assertProblem(bob.send("PATCH", "api/tasks/" + secret.taskId(), "{\"title\":\"renamed by a reader\"}"), 403);
        assertProblem(bob.send("PATCH", "api/tasks/" + secret.taskId(), "{\"completed\":true}"), 403);
        assertProblem(bob.send("DELETE", "api/tasks/" + secret.taskId(), null), 403);

        assertThat(bob.snapshot(secret.listId()).getJsonArray("tasks").getValuesAs(JsonObject.class))
                .as("the reader still reads the list").singleElement()
                .satisfies(t -> assertThat(t.getString("title")).isEqualTo(secret.title()));
        assertUnchanged(secret, "alice", "bob");
    }

    @Test
    void shouldLetAWriterChangeTasks() {
        Secret secret = alicesList("writer");
        alice.share(secret.listId(), User.BOB, "writer");

        bob.addTask(secret.listId(), "by a writer");
        HttpResponse<String> completed = bob.send("PATCH", "api/tasks/" + secret.taskId(), "{\"completed\":true}");

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(alice.snapshot(secret.listId()).getJsonArray("tasks").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("title")).containsExactlyInAnyOrder(secret.title(), "by a writer");
    }

    @Test
    void shouldAnswer401ProblemToAnonymousCallersOnEveryPathAndStoreNothing() {
        Secret secret = alicesList("anonymous");
        Api anonymous = alice.as(null);

        List<HttpResponse<String>> responses = new ArrayList<>(everyPathOf(anonymous, secret));
        responses.add(anonymous.get("api/lists"));
        responses.add(anonymous.send("POST", "api/lists", "{\"name\":\"by nobody\"}"));
        responses.add(anonymous.get("api/me"));
        for (HttpResponse<String> response : responses) {
            assertUnauthorized(response);
            assertThat(response.body()).doesNotContain(secret.name(), secret.title());
        }
        assertUnchanged(secret, "alice");
        assertThat(lists(alice)).extracting(l -> l.getString("name")).doesNotContain("by nobody");
    }

    @Test
    void shouldAnswer401ToAWrongPasswordOrAnUnknownUserAndStoreNothing() {
        Secret secret = alicesList("wrong password");

        for (User wrong : List.of(new User("alice", "not-alice-demo"), new User("mallory", "alice-demo"))) {
            Api impostor = alice.as(wrong);
            assertUnauthorized(impostor.get("api/lists"));
            assertUnauthorized(impostor.get("api/lists/" + secret.listId()));
            assertUnauthorized(impostor.send("POST", "api/lists/" + secret.listId() + "/tasks", "{\"title\":\"forged\"}"));
            assertUnauthorized(impostor.send("DELETE", "api/tasks/" + secret.taskId(), null));
        }
        assertUnchanged(secret, "alice");
    }

    @Test
    void shouldTellEachCallerWhoTheyAreSignedInAs() {
        assertThat(Api.object(alice.get("api/me").body()).getString("user")).isEqualTo("alice");
        assertThat(Api.object(bob.get("api/me").body()).getString("user")).isEqualTo("bob");
    }

    /** Every REST path that reads or writes the list, its task or its members, as {@code caller}. */
    private static List<HttpResponse<String>> everyPathOf(Api caller, Secret secret) {
        String list = "api/lists/" + secret.listId();
        String task = "api/tasks/" + secret.taskId();
        return List.of(
                caller.get(list),
                caller.send("POST", list + "/tasks", "{\"title\":\"intruder\"}"),
                caller.send("PATCH", task, "{\"title\":\"renamed by an intruder\"}"),
                caller.send("PATCH", task, "{\"completed\":true}"),
                caller.send("DELETE", task, null),
                caller.get(list + "/members"),
                caller.send("POST", list + "/members", "{\"user\":\"" + (caller.user() == null ? "x" : caller.user().name())
                        + "\",\"role\":\"writer\"}"),
                caller.send("DELETE", list + "/members/alice", null));
    }

    /** Alice's list still holds exactly her one task, untouched, and exactly {@code members} as members. */
    private void assertUnchanged(Secret secret, String... members) {
        JsonObject snapshot = alice.snapshot(secret.listId());
        assertThat(snapshot.getJsonObject("list").getString("name")).isEqualTo(secret.name());
        assertThat(snapshot.getJsonArray("tasks").getValuesAs(JsonObject.class)).singleElement().satisfies(t -> {
            assertThat(t.getJsonNumber("id").longValue()).isEqualTo(secret.taskId());
            assertThat(t.getString("title")).isEqualTo(secret.title());
            assertThat(t.getBoolean("completed")).isFalse();
        });
        assertThat(Api.array(alice.get("api/lists/" + secret.listId() + "/members").body()).getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("user")).containsExactlyInAnyOrder(members);
    }

    private static List<JsonObject> lists(Api caller) {
        HttpResponse<String> response = caller.get("api/lists");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.array(response.body()).getValuesAs(JsonObject.class);
    }

    private static List<Long> listIds(Api caller) {
        return lists(caller).stream().map(l -> l.getJsonNumber("id").longValue()).toList();
    }
}
