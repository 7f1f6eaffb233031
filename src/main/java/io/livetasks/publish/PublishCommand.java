package io.livetasks.publish;

import java.util.Objects;

/**
 * One request of the publish API as it travels through the outbox table to every instance: what to do
 * ({@link Action}), in which hub, to which group and/or recipient (a user or a connection id), and the
 * message (for sends: {@code {"target": ..., "arguments": [...], "excluded": [...]}}; for a close: the reason).
 *
 * @param group     the API group, for group actions; else {@code null}
 * @param recipient the user or connection id the action names; else {@code null}
 * @param message   JSON of the message to send, or the close reason; {@code null} when the action has none
 */
public record PublishCommand(String hub, Action action, String group, String recipient, String message) {

    /** What a command does; {@link #code()} is what the outbox table stores. */
    public enum Action {
        SEND_TO_ALL("send-all"),
        SEND_TO_GROUP("send-group"),
        SEND_TO_USER("send-user"),
        SEND_TO_CONNECTION("send-connection"),
        ADD_CONNECTION_TO_GROUP("group-add-connection"),
        REMOVE_CONNECTION_FROM_GROUP("group-remove-connection"),
        REMOVE_CONNECTION_FROM_ALL_GROUPS("connection-leave-groups"),
        ADD_USER_TO_GROUP("group-add-user"),
        REMOVE_USER_FROM_GROUP("group-remove-user"),
        REMOVE_USER_FROM_ALL_GROUPS("user-leave-groups"),
        CLEAR_GROUP("group-clear"),
        CLOSE_CONNECTION("close-connection");

        private final String code;

        Action(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Action of(String code) {
            for (Action action : values()) {
                if (action.code.equals(code)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("Unknown publish action '" + code + "'");
        }
    }

    public PublishCommand {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(action, "action");
    }
}
