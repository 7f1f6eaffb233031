package io.livetasks.publish;

import io.livetasks.publish.PublishCommand.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One request of the Azure SignalR Service data-plane REST API as this server maps it: the hub, then either a
 * command for the outbox ({@link #action()}) or an existence check ({@link #check()}), with the group and the
 * user or connection id the path names. Paths are those of API version {@code 2022-06-01} under
 * {@code /api/hubs/{hub}}; the older {@code /api/v1/hubs/{hub}} paths are mapped onto them (their sends have no
 * {@code :send} segment, their checks may be {@code GET}).
 *
 * @param action    the command, or {@code null} for a check
 * @param check     the check, or {@code null} for a command
 * @param group     the group the path names, or {@code null}
 * @param recipient the user or connection id the path names, or {@code null}
 */
public record PublishRoute(String hub, Action action, Check check, String group, String recipient) {

    /** What a {@code HEAD} asks: is there such a connection / a connection of the user / of the group / the user in the group. */
    public enum Check { CONNECTION, USER, GROUP, USER_IN_GROUP }

    /** The longest group, user or connection name accepted (Azure's limit for group names). */
    public static final int MAX_NAME_LENGTH = 1024;
    private static final String HUB_NAME = "[A-Za-z0-9_-]{1,128}";

    /** A request that maps to no route: {@code status} is 404 (no such path), 405 (method) or 400 (bad name). */
    public static final class NoRouteException extends Exception {

        private static final long serialVersionUID = 1L;
        private final int status;
        private final String allow;

        NoRouteException(int status, String message, String allow) {
            super(message);
            this.status = status;
            this.allow = allow;
        }

        public int status() {
            return status;
        }

        /** For 405: the methods the path takes. */
        public String allow() {
            return allow;
        }
    }

    /** Whether the route sends a message (and so needs a body). */
    public boolean isSend() {
        return action == Action.SEND_TO_ALL || action == Action.SEND_TO_GROUP || action == Action.SEND_TO_USER
                || action == Action.SEND_TO_CONNECTION;
    }

    /**
     * Maps a request.
     *
     * @param pathInfo the decoded path after {@code /api/hubs} or {@code /api/v1/hubs}: {@code /{hub}/...}
     * @param v1       whether it came under {@code /api/v1/hubs}
     */
    public static PublishRoute parse(String method, String pathInfo, boolean v1) throws NoRouteException {
        List<String> segments = new ArrayList<>(Arrays.asList((pathInfo == null ? "" : pathInfo).split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // a trailing slash
        }
        if (segments.isEmpty() || !segments.get(0).matches(HUB_NAME)) {
            throw new NoRouteException(404, "No publish API path " + pathInfo + ": expected /{hub}/... with a hub name of "
                    + "letters, digits, '-' or '_'", null);
        }
        String hub = segments.remove(0);
        String verb = method;
        if (v1) {
            if ("POST".equals(method) && (segments.isEmpty() || !":send".equals(segments.get(segments.size() - 1)))) {
                segments.add(":send");
            } else if ("GET".equals(method)) {
                verb = "HEAD";
            }
            if (segments.size() == 4 && "users".equals(segments.get(0)) && "groups".equals(segments.get(2))) {
                segments = new ArrayList<>(List.of("groups", segments.get(3), "users", segments.get(1)));
            }
        }
        String shape = shape(segments);
        String first = segments.size() > 1 ? segments.get(1) : null;
        String third = segments.size() > 3 ? segments.get(3) : null;
        return switch (shape) {
            case ":send" -> command(verb, "POST", hub, Action.SEND_TO_ALL, null, null);
            case "groups/*/:send" -> command(verb, "POST", hub, Action.SEND_TO_GROUP, name(first), null);
            case "users/*/:send" -> command(verb, "POST", hub, Action.SEND_TO_USER, null, name(first));
            case "connections/*/:send" -> command(verb, "POST", hub, Action.SEND_TO_CONNECTION, null, name(first));
            case "groups/*/connections/*" -> switch (verb) {
                case "PUT" -> new PublishRoute(hub, Action.ADD_CONNECTION_TO_GROUP, null, name(first), name(third));
                case "DELETE" -> new PublishRoute(hub, Action.REMOVE_CONNECTION_FROM_GROUP, null, name(first), name(third));
                default -> throw notAllowed(verb, "PUT, DELETE");
            };
            case "groups/*/users/*" -> switch (verb) {
                case "PUT" -> new PublishRoute(hub, Action.ADD_USER_TO_GROUP, null, name(first), name(third));
                case "DELETE" -> new PublishRoute(hub, Action.REMOVE_USER_FROM_GROUP, null, name(first), name(third));
                case "HEAD" -> new PublishRoute(hub, null, Check.USER_IN_GROUP, name(first), name(third));
                default -> throw notAllowed(verb, "PUT, DELETE, HEAD");
            };
            case "groups/*/connections" -> command(verb, "DELETE", hub, Action.CLEAR_GROUP, name(first), null);
            case "connections/*/groups" -> command(verb, "DELETE", hub, Action.REMOVE_CONNECTION_FROM_ALL_GROUPS, null, name(first));
            case "users/*/groups" -> command(verb, "DELETE", hub, Action.REMOVE_USER_FROM_ALL_GROUPS, null, name(first));
            case "connections/*" -> switch (verb) {
                case "DELETE" -> new PublishRoute(hub, Action.CLOSE_CONNECTION, null, null, name(first));
                case "HEAD" -> new PublishRoute(hub, null, Check.CONNECTION, null, name(first));
                default -> throw notAllowed(verb, "HEAD, DELETE");
            };
            case "groups/*" -> check(verb, hub, Check.GROUP, name(first), null);
            case "users/*" -> check(verb, hub, Check.USER, null, name(first));
            default -> throw new NoRouteException(404, "No publish API path /" + String.join("/", segments) + " in hub " + hub, null);
        };
    }

    /** The path with names replaced by {@code *}: in every route, the segments at odd positions are names. */
    private static String shape(List<String> segments) {
        List<String> shape = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            shape.add(i % 2 == 1 ? "*" : segments.get(i));
        }
        return String.join("/", shape);
    }

    private static PublishRoute command(String verb, String expected, String hub, Action action, String group, String recipient)
            throws NoRouteException {
        if (!expected.equals(verb)) {
            throw notAllowed(verb, expected);
        }
        return new PublishRoute(hub, action, null, group, recipient);
    }

    private static PublishRoute check(String verb, String hub, Check check, String group, String recipient) throws NoRouteException {
        if (!"HEAD".equals(verb)) {
            throw notAllowed(verb, "HEAD");
        }
        return new PublishRoute(hub, null, check, group, recipient);
    }

    private static NoRouteException notAllowed(String verb, String allow) {
        return new NoRouteException(405, verb + " is not supported here; use " + allow, allow);
    }

    private static String name(String value) throws NoRouteException {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw new NoRouteException(400, "Group, user and connection names are 1 to " + MAX_NAME_LENGTH + " characters", null);
        }
        return value;
    }
}
