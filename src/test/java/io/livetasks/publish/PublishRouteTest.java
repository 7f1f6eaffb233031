package io.livetasks.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.publish.PublishCommand.Action;
import io.livetasks.publish.PublishRoute.Check;
import io.livetasks.publish.PublishRoute.NoRouteException;
import org.junit.jupiter.api.Test;

class PublishRouteTest {

    private static PublishRoute route(String method, String path) throws NoRouteException {
        return PublishRoute.parse(method, path, false);
    }

    private static PublishRoute v1(String method, String path) throws NoRouteException {
        return PublishRoute.parse(method, path, true);
    }

    @Test
    void shouldMapTheSendsOf2022() throws NoRouteException {
        assertThat(route("POST", "/telemetry/:send")).isEqualTo(new PublishRoute("telemetry", Action.SEND_TO_ALL, null, null, null));
        assertThat(route("POST", "/telemetry/groups/room 1/:send"))
                .isEqualTo(new PublishRoute("telemetry", Action.SEND_TO_GROUP, null, "room 1", null));
        assertThat(route("POST", "/telemetry/users/alice/:send"))
                .isEqualTo(new PublishRoute("telemetry", Action.SEND_TO_USER, null, null, "alice"));
        assertThat(route("POST", "/tasks/connections/c-1/:send"))
                .isEqualTo(new PublishRoute("tasks", Action.SEND_TO_CONNECTION, null, null, "c-1"));
    }

    @Test
    void shouldMapGroupMembershipAndClose() throws NoRouteException {
        assertThat(route("PUT", "/h/groups/g/connections/c").action()).isEqualTo(Action.ADD_CONNECTION_TO_GROUP);
        assertThat(route("DELETE", "/h/groups/g/connections/c").action()).isEqualTo(Action.REMOVE_CONNECTION_FROM_GROUP);
        assertThat(route("PUT", "/h/groups/g/users/u")).isEqualTo(new PublishRoute("h", Action.ADD_USER_TO_GROUP, null, "g", "u"));
        assertThat(route("DELETE", "/h/groups/g/users/u").action()).isEqualTo(Action.REMOVE_USER_FROM_GROUP);
        assertThat(route("DELETE", "/h/groups/g/connections").action()).isEqualTo(Action.CLEAR_GROUP);
        assertThat(route("DELETE", "/h/connections/c/groups").action()).isEqualTo(Action.REMOVE_CONNECTION_FROM_ALL_GROUPS);
        assertThat(route("DELETE", "/h/users/u/groups").action()).isEqualTo(Action.REMOVE_USER_FROM_ALL_GROUPS);
        assertThat(route("DELETE", "/h/connections/c")).isEqualTo(new PublishRoute("h", Action.CLOSE_CONNECTION, null, null, "c"));
    }

    @Test
    void shouldMapExistenceChecks() throws NoRouteException {
        assertThat(route("HEAD", "/h/connections/c").check()).isEqualTo(Check.CONNECTION);
        assertThat(route("HEAD", "/h/users/u").check()).isEqualTo(Check.USER);
        assertThat(route("HEAD", "/h/groups/g").check()).isEqualTo(Check.GROUP);
        assertThat(route("HEAD", "/h/groups/g/users/u")).isEqualTo(new PublishRoute("h", null, Check.USER_IN_GROUP, "g", "u"));
    }

    @Test
    void shouldMapTheV1PathsOntoTheSameRoutes() throws NoRouteException {
        assertThat(v1("POST", "/h")).isEqualTo(route("POST", "/h/:send"));
        assertThat(v1("POST", "/h/groups/g")).isEqualTo(route("POST", "/h/groups/g/:send"));
        assertThat(v1("POST", "/h/users/u")).isEqualTo(route("POST", "/h/users/u/:send"));
        assertThat(v1("POST", "/h/connections/c")).isEqualTo(route("POST", "/h/connections/c/:send"));
        assertThat(v1("GET", "/h/connections/c")).isEqualTo(route("HEAD", "/h/connections/c"));
        assertThat(v1("PUT", "/h/users/u/groups/g")).isEqualTo(route("PUT", "/h/groups/g/users/u"));
    }

    @Test
    void shouldNameAGroupLikeAPathWord() throws NoRouteException {
        assertThat(route("POST", "/h/groups/users/:send")).isEqualTo(new PublishRoute("h", Action.SEND_TO_GROUP, null, "users", null));
    }

    @Test
    void shouldAnswer405WithTheAllowedMethods() {
        assertThatThrownBy(() -> route("GET", "/h/:send")).isInstanceOfSatisfying(NoRouteException.class, e -> {
            assertThat(e.status()).isEqualTo(405);
            assertThat(e.allow()).isEqualTo("POST");
        });
        assertThatThrownBy(() -> route("POST", "/h/groups/g/connections/c"))
                .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.allow()).isEqualTo("PUT, DELETE"));
    }

    @Test
    void shouldAnswer404ForUnknownPathsAndBadHubNames() {
        assertThatThrownBy(() -> route("POST", "/h/everyone/:send"))
                .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> route("POST", "/h.x/:send"))
                .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> route("POST", ""))
                .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void shouldAnswer400ForOverlongNames() {
        String name = "g".repeat(PublishRoute.MAX_NAME_LENGTH + 1);
        assertThatThrownBy(() -> route("POST", "/h/groups/" + name + "/:send"))
                .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
