package io.livetasks.task.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livetasks.task.Precondition;
import io.livetasks.web.InvalidHeaderException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchTest {

    @Test
    void shouldRequireNothingWithoutTheHeader() {
        assertThat(IfMatch.parse(null)).isEqualTo(Precondition.NONE);
        assertThat(IfMatch.parse(List.of())).isEqualTo(Precondition.NONE);
    }

    @Test
    void shouldRequireNothingButExistenceForAStar() {
        assertThat(IfMatch.parse(List.of(" * "))).isEqualTo(Precondition.NONE);
    }

    @Test
    void shouldRequireTheOneQuotedTag() {
        Precondition precondition = IfMatch.parse(List.of("\"00000000000000a1\""));

        assertThat(precondition.isConditional()).isTrue();
        assertThat(precondition.rowVersions()).containsExactly("00000000000000a1");
    }

    @Test
    void shouldAcceptSeveralTagsInOneHeaderOrSeveral() {
        assertThat(IfMatch.parse(List.of("\"a\", \"b\" ,\"c\"")).rowVersions()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(IfMatch.parse(List.of("\"a\"", "\"b\"")).rowVersions()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldNeverMatchAWeakTagBecauseIfMatchComparesStrongly() {
        Precondition precondition = IfMatch.parse(List.of("W/\"a\""));

        assertThat(precondition.isConditional()).isTrue();
        assertThat(precondition.rowVersions()).isEmpty();
        assertThat(IfMatch.parse(List.of("W/\"a\", \"b\"")).rowVersions()).containsExactly("b");
    }

    @Test
    void shouldAcceptAnEmptyQuotedTag() {
        assertThat(IfMatch.parse(List.of("\"\"")).rowVersions()).containsExactly("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "\"abc", "abc\"", "\"a\" \"b\"", "\"a\";\"b\"", "*, \"a\"", "\"a\", *",
            "w/\"a\"", "W/a", "\"a b\"", "\"a\u0001\"", ",", "\"a\"x"})
    void shouldRefuseAMalformedHeader(String header) {
        assertThatThrownBy(() -> IfMatch.parse(List.of(header))).isInstanceOf(InvalidHeaderException.class)
                .hasMessageContaining("If-Match");
    }

    @Test
    void shouldRefuseMoreTagsThanTheLimit() {
        String tags = String.join(", ", Collections.nCopies(IfMatch.MAX_TAGS + 1, "\"a\""));

        assertThatThrownBy(() -> IfMatch.parse(List.of(tags))).isInstanceOf(InvalidHeaderException.class);
    }
}
