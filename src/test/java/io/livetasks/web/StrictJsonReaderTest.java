package io.livetasks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.task.NewTask;
import io.livetasks.task.TaskPatch;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonReaderTest {

    private final StrictJsonReader reader = new StrictJsonReader();

    @SuppressWarnings("unchecked")
    private <T extends Record> T read(Class<T> type, String json) throws IOException {
        return (T) reader.readFrom((Class<Record>) (Class<?>) type, type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                null, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadWellTypedFields() throws IOException {
        assertThat(read(TaskPatch.class, "{\"title\":\"x\",\"completed\":true}")).isEqualTo(new TaskPatch("x", true));
        assertThat(read(TaskPatch.class, "{\"completed\":false}")).isEqualTo(new TaskPatch(null, false));
        assertThat(read(TaskPatch.class, "{\"title\":null,\"completed\":true}")).isEqualTo(new TaskPatch(null, true));
    }

    @Test
    void shouldRejectAStringWhereABooleanBelongs() {
        assertThatThrownBy(() -> read(TaskPatch.class, "{\"completed\":\"yes\"}"))
                .isInstanceOfSatisfying(InvalidBodyException.class, e -> assertThat(e.errors())
                        .containsExactly(new Problem.FieldError("completed", "must be true or false")));
    }

    @Test
    void shouldRejectANumberOrObjectWhereAStringBelongs() {
        assertThatThrownBy(() -> read(NewTask.class, "{\"title\":5}")).isInstanceOf(InvalidBodyException.class);
        assertThatThrownBy(() -> read(NewTask.class, "{\"title\":{\"a\":1}}")).isInstanceOf(InvalidBodyException.class);
    }

    @Test
    void shouldRejectUnknownFields() {
        assertThatThrownBy(() -> read(NewTask.class, "{\"title\":\"x\",\"priority\":1}"))
                .isInstanceOfSatisfying(InvalidBodyException.class, e -> assertThat(e.errors())
                        .containsExactly(new Problem.FieldError("priority", "is not a known field")));
    }

    @Test
    void shouldRejectMalformedJsonAndNonObjects() {
        assertThatThrownBy(() -> read(NewTask.class, "{\"title\": ")).isInstanceOf(InvalidBodyException.class)
                .hasMessageStartingWith("The request body is not valid JSON");
        assertThatThrownBy(() -> read(NewTask.class, "[1,2]")).hasMessage("The request body must be a JSON object");
    }

    @Test
    void shouldReadAnEmptyBodyAsMissing() throws IOException {
        assertThat(read(NewTask.class, "  ")).isNull();
    }

    @Test
    void shouldOnlyHandleTheApplicationsRecords() {
        assertThat(reader.isReadable(NewTask.class, NewTask.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE)).isTrue();
        assertThat(reader.isReadable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE)).isFalse();
    }

    @Test
    void shouldRefuseABodyOverTheLimitWithoutReadingFurther() {
        StrictJsonReader small = new StrictJsonReader(new RequestLimits(32));
        byte[] body = ("{\"title\":\"" + "x".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream stream = new ByteArrayInputStream(body);

        assertThatThrownBy(() -> small.readFrom((Class<Record>) (Class<?>) NewTask.class, NewTask.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, stream)).isInstanceOf(BodyTooLargeException.class);
        assertThat(stream.available()).as("the rest is never read").isEqualTo(body.length - 33);
    }

    @Test
    void shouldRejectDeeplyNestedJsonAsABadRequest() {
        String deep = "{\"title\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThatThrownBy(() -> read(NewTask.class, deep)).isInstanceOf(InvalidBodyException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void shouldRejectAbsurdNumbersAsABadRequest() {
        assertThatThrownBy(() -> read(TaskPatch.class, "{\"completed\":1e999999999}")).isInstanceOf(InvalidBodyException.class);
        assertThatThrownBy(() -> read(TaskPatch.class, "{\"completed\":" + "9".repeat(40) + "}"))
                .isInstanceOf(InvalidBodyException.class).hasMessageContaining("number longer");
    }

    @Test
    void shouldListAtMostTwentyUnknownFields() {
        StringBuilder json = new StringBuilder("{\"title\":\"t\"");
        for (int i = 0; i < 500; i++) {
            json.append(",\"f").append(i).append("\":1");
        }
        json.append('}');

        assertThatThrownBy(() -> read(NewTask.class, json.toString()))
                .isInstanceOfSatisfying(InvalidBodyException.class, e -> {
                    assertThat(e.errors()).hasSize(StrictJsonReader.MAX_ERRORS + 1);
                    assertThat(e.errors().get(StrictJsonReader.MAX_ERRORS).message()).isEqualTo("480 more unknown fields");
                });
    }
}
