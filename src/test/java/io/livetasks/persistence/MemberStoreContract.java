package io.livetasks.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.task.Member;
import io.livetasks.task.Role;
import io.livetasks.task.TaskList;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link DialectContract}: who may see which list. The creator owns a list; lists are read as one
 * member sees them (with their role), and a user who is no member does not see the list at all.
 */
interface MemberStoreContract extends DialectFixture {

    @Test
    default void shouldMakeTheCreatorTheOwner() {
        TaskList list = store().createList("mine", "carol");

        assertThat(list.role()).isEqualTo("owner");
        assertThat(members().role(list.id(), "carol")).contains(Role.OWNER);
        assertThat(members().members(list.id())).containsExactly(new Member("carol", "owner"));
    }

    @Test
    default void shouldHideAListFromUsersWhoAreNoMembers() {
        TaskList list = store().createList("private", "carol");

        assertThat(store().lists("mallory")).extracting(TaskList::id).doesNotContain(list.id());
        assertThat(store().list(list.id(), "mallory")).isEmpty();
        assertThat(store().snapshot(list.id(), "mallory")).isEmpty();
        assertThat(members().role(list.id(), "mallory")).isEmpty();
    }

    @Test
    default void shouldShowASharedListWithTheMembersRoleAndHideItAgainWhenUnshared() {
        TaskList list = store().createList("shared", "carol");

        assertThat(members().share(list.id(), "dave", Role.READER)).isTrue();
        assertThat(members().share(list.id(), "dave", Role.READER)).as("no change").isFalse();
        assertThat(store().list(list.id(), "dave")).hasValueSatisfying(seen -> assertThat(seen.role()).isEqualTo("reader"));
        assertThat(members().share(list.id(), "dave", Role.WRITER)).isTrue();
        assertThat(store().lists("dave")).filteredOn(seen -> seen.id() == list.id())
                .extracting(TaskList::role).containsExactly("writer");
        assertThat(members().members(list.id())).containsExactly(new Member("carol", "owner"), new Member("dave", "writer"));

        assertThat(members().unshare(list.id(), "dave")).isTrue();
        assertThat(members().unshare(list.id(), "dave")).isFalse();
        assertThat(store().list(list.id(), "dave")).isEmpty();
    }
}
