package io.livetasks.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.publish.PublishCommand.Action;
import jakarta.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which connections a send reaches, from the API groups kept on one instance. */
class PublishRouterTest {

    private final ApiGroups groups = new ApiGroups();

    private boolean reaches(PublishCommand command, String connectionId, String user) {
        return PublishRouter.reaches(command, Set.of(), connectionId, user, groups);
    }

    @Test
    void shouldSendToAllButTheExcluded() {
        PublishCommand all = new PublishCommand("h", Action.SEND_TO_ALL, null, null, "{}");
        assertThat(reaches(all, "c1", "alice")).isTrue();
        assertThat(reaches(all, "c2", null)).isTrue();
        assertThat(PublishRouter.reaches(all, Set.of("c1"), "c1", "alice", groups)).isFalse();
    }

    @Test
    void shouldSendToAUsersConnectionsOnly() {
        PublishCommand toAlice = new PublishCommand("h", Action.SEND_TO_USER, null, "alice", "{}");
        assertThat(reaches(toAlice, "c1", "alice")).isTrue();
        assertThat(reaches(toAlice, "c2", "bob")).isFalse();
        assertThat(reaches(toAlice, "c3", null)).isFalse();
    }

    @Test
    void shouldSendToOneConnection() {
        PublishCommand toC1 = new PublishCommand("h", Action.SEND_TO_CONNECTION, null, "c1", "{}");
        assertThat(reaches(toC1, "c1", "alice")).isTrue();
        assertThat(reaches(toC1, "c2", "alice")).isFalse();
    }

    @Test
    void shouldSendToGroupMembersAddedByConnectionOrByUser() {
        PublishCommand toRoom = new PublishCommand("h", Action.SEND_TO_GROUP, "room", null, "{}");
        assertThat(reaches(toRoom, "c1", "alice")).isFalse();
        groups.addConnection("h", "room", "c1");
        groups.addUser("h", "room", "bob");
        assertThat(reaches(toRoom, "c1", "alice")).isTrue();
        assertThat(reaches(toRoom, "c2", "alice")).isFalse();
        assertThat(reaches(toRoom, "c7", "bob")).isTrue();
    }

    @Test
    void shouldStopSendingAfterRemoval() {
        PublishCommand toRoom = new PublishCommand("h", Action.SEND_TO_GROUP, "room", null, "{}");
        groups.addConnection("h", "room", "c1");
        groups.addUser("h", "room", "bob");
        groups.removeConnection("h", "room", "c1");
        groups.removeUser("h", "bob");
        assertThat(reaches(toRoom, "c1", "alice")).isFalse();
        assertThat(reaches(toRoom, "c7", "bob")).isFalse();
    }

    @Test
    void shouldKeepGroupsOfDifferentHubsApart() {
        groups.addConnection("telemetry", "room", "c1");
        assertThat(reaches(new PublishCommand("tasks", Action.SEND_TO_GROUP, "room", null, "{}"), "c1", "alice")).isFalse();
    }

    @Test
    void shouldEmptyAClearedGroup() {
        groups.addConnection("h", "room", "c1");
        groups.addUser("h", "room", "bob");
        groups.clear("h", "room");
        assertThat(groups.includes("h", "room", "c1", "bob")).isFalse();
    }

    @Test
    void shouldReadTheExcludedConnectionsOfAMessage() {
        assertThat(PublishRouter.excluded(Json.createObjectBuilder().add("target", "t")
                .add("excluded", Json.createArrayBuilder().add("c1").add("c2")).build())).containsExactlyInAnyOrder("c1", "c2");
        assertThat(PublishRouter.excluded(Json.createObjectBuilder().add("target", "t").build())).isEmpty();
    }
}
