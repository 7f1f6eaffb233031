package io.livetasks.changefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeLogTest {

    private static ChangeBatch<String> batch(long after, long to, Object... versionAndRow) {
        List<Change<String>> changes = new java.util.ArrayList<>();
        for (int i = 0; i < versionAndRow.length; i += 2) {
            changes.add(new Change<>(Version.of((Long) versionAndRow[i]), (String) versionAndRow[i + 1]));
        }
        return new ChangeBatch<>(Version.of(after), Version.of(to), changes);
    }

    @Test
    void shouldReplayOnlyChangesAfterTheVersionInOrder() {
        ChangeLog<String> log = new ChangeLog<>(10, Version.of(0));
        log.append(batch(0, 3, 1L, "a", 2L, "b", 3L, "c"));

        assertThat(log.since(Version.of(1), row -> true)).hasValueSatisfying(
                changes -> assertThat(changes).extracting(Change::payload).containsExactly("b", "c"));
        assertThat(log.since(Version.of(3), row -> true)).hasValue(List.of());
        assertThat(log.head()).isEqualTo(Version.of(3));
    }

    @Test
    void shouldApplyTheFilter() {
        ChangeLog<String> log = new ChangeLog<>(10, Version.of(0));
        log.append(batch(0, 2, 1L, "list1", 2L, "list2"));

        assertThat(log.since(Version.of(0), row -> row.equals("list2"))).hasValueSatisfying(
                changes -> assertThat(changes).extracting(Change::version).containsExactly(Version.of(2)));
    }

    @Test
    void shouldEvictWholeVersionsAndRaiseTheFloor() {
        ChangeLog<String> log = new ChangeLog<>(3, Version.of(0));
        log.append(batch(0, 2, 1L, "a", 1L, "b", 2L, "c"));
        log.append(batch(2, 3, 3L, "d"));

        // Version 1 had two rows: both go, never one of them alone.
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.floor()).isEqualTo(Version.of(1));
        assertThat(log.since(Version.of(0), row -> true)).isEmpty();
        assertThat(log.since(Version.of(1), row -> true)).hasValueSatisfying(
                changes -> assertThat(changes).extracting(Change::payload).containsExactly("c", "d"));
    }

    @Test
    void shouldNotAnswerBelowItsStartVersion() {
        ChangeLog<String> log = new ChangeLog<>(10, Version.of(5));

        assertThat(log.since(Version.of(4), row -> true)).isEmpty();
        assertThat(log.since(Version.of(5), row -> true)).hasValue(List.of());
    }

    @Test
    void shouldRejectABatchThatLeavesAGap() {
        ChangeLog<String> log = new ChangeLog<>(10, Version.of(0));
        log.append(batch(0, 2));

        assertThatThrownBy(() -> log.append(batch(3, 4, 4L, "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAdvanceHeadOnEmptyBatches() {
        ChangeLog<String> log = new ChangeLog<>(10, Version.of(0));
        log.append(batch(0, 7));

        assertThat(log.head()).isEqualTo(Version.of(7));
        assertThat(log.since(Version.of(7), row -> true)).hasValue(List.of());
    }
}
