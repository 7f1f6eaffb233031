package io.livetasks.push.signalr;

/** A server method that clients invoke by name ({@code connection.invoke("JoinList", ...)}). */
@FunctionalInterface
public interface HubMethod {

    /**
     * Runs the call on the thread that received it; calls of one connection run one at a time, in order.
     *
     * @return the result, serialised with JSON-B into the Completion (a {@code jakarta.json.JsonValue} is
     *         sent as is); null for none
     * @throws HubException to fail the call with a message for the client
     */
    Object invoke(HubInvocation invocation) throws Exception;
}
