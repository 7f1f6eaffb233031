package io.livetasks.push.signalr;

import io.livetasks.push.Hub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One hub served at {@code /hubs/{name}}: the {@link Hub} its connections join (so that the server's sends
 * to all, a group or a user reach them) and the methods clients may invoke. Method names are
 * case-sensitive, as in the SignalR protocol. Thread-safe.
 */
public final class HubDefinition {

    /** A method with the range of argument counts it accepts. */
    record Registered(HubMethod method, int minArguments, int maxArguments) {
    }

    private final String name;
    private final Hub hub;
    private final Map<String, Registered> methods = new ConcurrentHashMap<>();
    private final Set<String> reservedTargets = ConcurrentHashMap.newKeySet();
    private volatile boolean keepAlives;

    HubDefinition(String name, Hub hub) {
        this.name = Objects.requireNonNull(name, "name");
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    public String name() {
        return name;
    }

    public Hub hub() {
        return hub;
    }

    /** Registers a method that takes between {@code minArguments} and {@code maxArguments} arguments. */
    public HubDefinition method(String methodName, int minArguments, int maxArguments, HubMethod method) {
        if (minArguments < 0 || maxArguments < minArguments) {
            throw new IllegalArgumentException("Bad argument range " + minArguments + ".." + maxArguments);
        }
        methods.put(methodName, new Registered(method, minArguments, maxArguments));
        return this;
    }

    /**
     * Sends this hub's clients a {@code keepAlive} invocation next to each protocol Ping (see
     * {@link SignalRConnection#sendKeepAlives()}). Off by default: a client without a handler for it (an app
     * on the publish API's hubs) would log a warning each time.
     */
    public HubDefinition sendKeepAlives() {
        keepAlives = true;
        return this;
    }

    /** Whether {@link #sendKeepAlives()} was asked for. */
    public boolean sendsKeepAlives() {
        return keepAlives;
    }

    /**
     * Declares client handler names that only the server's own code sends to (e.g. the list events of the
     * tasks hub): others, such as the publish API, must not send invocations of them to this hub's clients.
     */
    public HubDefinition reserveTargets(String... targets) {
        reservedTargets.addAll(List.of(targets));
        return this;
    }

    /** Whether {@code target} is reserved for the server's own code (see {@link #reserveTargets}). */
    public boolean isReserved(String target) {
        return reservedTargets.contains(target);
    }

    Registered method(String methodName) {
        return methods.get(methodName);
    }
}
