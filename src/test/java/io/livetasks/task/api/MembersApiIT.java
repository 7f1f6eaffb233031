package io.livetasks.task.api;

import static io.livetasks.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/lists/{id}/members} on the real server: every member reads the members, only the owner shares
 * and removes, the owner stays, and bad requests are refused with problem details and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
class MembersApiIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api alice;
    private Api bob;
    private long listId;

    @BeforeEach
    void aliceOwnsAList() {
        alice = new Api(base);
        bob = alice.as(User.BOB);
        listId = alice.createList("members").getJsonNumber("id").longValue();
    }

    private String members() {
        return "api/lists/" + listId + "/members";
    }

    /** user to role, as the owner reads them. */
    private Map<String, String> roles() {
        HttpResponse<String> response = alice.get(members());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.array(response.body()).getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(m -> m.getString("user"), m -> m.getString("role")));
    }

    @Test
    void shouldMakeTheCreatorTheOwner() {
        assertThat(roles()).containsExactly(Map.entry("alice", "owner"));
    }

    @Test
    void shouldLetAReaderReadTheMembers() {
        alice.share(listId, User.BOB, "reader");

        HttpResponse<String> response = bob.get(members());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.array(response.body()).getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("user") + ":" + m.getString("role"))
                .containsExactlyInAnyOrder("alice:owner", "bob:reader");
    }

    @Test
    void shouldChangeTheRoleOfAMemberWhenSharedAgain() {
        alice.share(listId, User.BOB, "reader");

        HttpResponse<String> response = alice.send("POST", members(), "{\"user\":\"bob\",\"role\":\"writer\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.object(response.body()).getString("role")).isEqualTo("writer");
        assertThat(roles()).containsEntry("bob", "writer").hasSize(2);
    }

    @Test
    void shouldRefuseSharingAndRemovingByANonOwnerWith403AndChangeNothing() {
        alice.share(listId, User.BOB, "writer");

        assertProblem(bob.send("POST", members(), "{\"user\":\"carol\",\"role\":\"reader\"}"), 403);
        assertProblem(bob.send("POST", members(), "{\"user\":\"bob\",\"role\":\"reader\"}"), 403);
        assertProblem(bob.send("DELETE", members() + "/alice", null), 403);
        assertProblem(bob.send("DELETE", members() + "/bob", null), 403);

        assertThat(roles()).containsOnly(Map.entry("alice", "owner"), Map.entry("bob", "writer"));
    }

    @Test
    void shouldRefuseRemovingTheOwnerWith409() {
        assertProblem(alice.send("DELETE", members() + "/alice", null), 409);

        assertThat(roles()).containsExactly(Map.entry("alice", "owner"));
    }

    @Test
    void shouldRefuseChangingTheOwnersRoleWith409() {
        assertProblem(alice.send("POST", members(), "{\"user\":\"alice\",\"role\":\"reader\"}"), 409);

        assertThat(roles()).containsExactly(Map.entry("alice", "owner"));
    }

    @Test
    void shouldRefuseABadRoleWith400ListingTheField() {
        for (String role : List.of("\"admin\"", "\"owner\"", "\"\"", "null", "42")) {
            HttpResponse<String> response = alice.send("POST", members(), "{\"user\":\"bob\",\"role\":" + role + "}");

            JsonObject problem = assertProblem(response, 400);
            assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class)).as("role %s", role)
                    .extracting(e -> e.getString("field")).contains("role");
        }
        assertThat(roles()).containsExactly(Map.entry("alice", "owner"));
    }

    @Test
    void shouldRefuseABlankUserWith400ListingTheField() {
        JsonObject problem = assertProblem(alice.send("POST", members(), "{\"user\":\"  \",\"role\":\"reader\"}"), 400);

        assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("field"))
                .containsExactly("user");
        assertThat(roles()).containsExactly(Map.entry("alice", "owner"));
    }

    @Test
    void shouldAnswer404WhenRemovingSomeoneWhoIsNoMember() {
        assertProblem(alice.send("DELETE", members() + "/carol", null), 404);
    }

    @Test
    void shouldRemoveAMember() {
        alice.share(listId, User.BOB, "writer");

        assertThat(alice.send("DELETE", members() + "/bob", null).statusCode()).isEqualTo(204);

        assertThat(roles()).containsExactly(Map.entry("alice", "owner"));
        assertProblem(alice.send("DELETE", members() + "/bob", null), 404);
    }
}
