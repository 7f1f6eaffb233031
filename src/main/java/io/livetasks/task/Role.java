package io.livetasks.task;

import java.util.Locale;

/**
 * What a member may do with a list. The creator of a list is its owner; the owner shares it with others as
 * writer or reader. Stored in {@code list_member.role} by its {@link #value()}.
 */
public enum Role {
    /** Everything a writer may, plus sharing and removing members. One per list: its creator. */
    OWNER,
    /** Reads the list and adds, changes and deletes its tasks. */
    WRITER,
    /** Reads the list and receives its changes. */
    READER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mayWrite() {
        return this != READER;
    }

    /** @throws IllegalArgumentException for anything but {@code owner}, {@code writer}, {@code reader} */
    public static Role of(String value) {
        for (Role role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role: " + value);
    }
}
