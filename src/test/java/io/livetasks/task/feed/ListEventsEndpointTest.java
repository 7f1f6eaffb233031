package io.livetasks.task.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListEventsEndpointTest {

    @Test
    void shouldAcceptRequestsThatAdmitAnEventStream() {
        assertThat(ListEventsEndpoint.acceptsEventStream(null)).isTrue();
        assertThat(ListEventsEndpoint.acceptsEventStream("text/event-stream")).isTrue();
        assertThat(ListEventsEndpoint.acceptsEventStream("application/json, */*;q=0.1")).isTrue();
        assertThat(ListEventsEndpoint.acceptsEventStream("TEXT/*")).isTrue();
    }

    @Test
    void shouldRefuseRequestsThatAdmitNoEventStream() {
        assertThat(ListEventsEndpoint.acceptsEventStream("application/json")).isFalse();
        assertThat(ListEventsEndpoint.acceptsEventStream("text/html; charset=utf-8")).isFalse();
    }
}
