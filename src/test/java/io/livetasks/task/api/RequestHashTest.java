package io.livetasks.task.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHashTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveTheSameRequestTheSameHash() {
        assertThat(RequestHash.of("POST", "/lists/1/tasks", bytes("{\"title\":\"Milk\"}")))
                .isEqualTo(RequestHash.of("POST", "/lists/1/tasks", bytes("{\"title\":\"Milk\"}")))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void shouldTellRequestsApartByMethodPathOrBody() {
        String hash = RequestHash.of("POST", "/lists/1/tasks", bytes("{\"title\":\"Milk\"}"));

        assertThat(RequestHash.of("PATCH", "/lists/1/tasks", bytes("{\"title\":\"Milk\"}"))).isNotEqualTo(hash);
        assertThat(RequestHash.of("POST", "/lists/2/tasks", bytes("{\"title\":\"Milk\"}"))).isNotEqualTo(hash);
        assertThat(RequestHash.of("POST", "/lists/1/tasks", bytes("{\"title\":\"Oat milk\"}"))).isNotEqualTo(hash);
        assertThat(RequestHash.of("POST", "/lists/1/tasks", bytes("{\"title\": \"Milk\"}"))).isNotEqualTo(hash);
    }

    @Test
    void shouldNotLetPartsRunTogether() {
        assertThat(RequestHash.of("DELETE", "/tasks/1", bytes("2")))
                .isNotEqualTo(RequestHash.of("DELETE", "/tasks/12", bytes("")));
    }
}
