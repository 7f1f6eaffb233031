package io.livetasks.push.signalr;

import io.livetasks.push.signalr.protocol.HubFrames;
import io.livetasks.push.signalr.protocol.HubMessage;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a client's Invocation against the hub's registered methods and answers with a Completion (only
 * when the client gave an invocation id: a call without one expects no reply). Errors the method means
 * for the client ({@link HubException}) are passed on; anything else is logged and reported generically,
 * as ASP.NET Core does without detailed errors.
 */
final class InvocationDispatcher {

    private static final Logger LOG = Logger.getLogger(InvocationDispatcher.class.getName());
    /** Thread-safe and kept for the application's life: creating a Jsonb per call is costly. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    private InvocationDispatcher() {
    }

    static void dispatch(SignalRConnection connection, HubMessage.Invocation invocation) {
        String id = invocation.invocationId();
        String result;
        try {
            result = toJson(invoke(connection, invocation));
        } catch (HubException e) {
            LOG.log(Level.FINE, "Hub method {0} failed for {1}: {2}", new Object[] {invocation.target(), connection, e.getMessage()});
            reply(connection, id, e.getMessage(), null);
            return;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Hub method " + invocation.target() + " failed for " + connection, e);
            reply(connection, id, "An unexpected error occurred invoking '" + invocation.target() + "' on the server.", null);
            return;
        }
        reply(connection, id, null, result);
    }

    private static Object invoke(SignalRConnection connection, HubMessage.Invocation invocation) throws Exception {
        if (!invocation.streamIds().isEmpty()) {
            throw new HubException("Client-to-server streaming is not supported by this server.");
        }
        HubDefinition.Registered registered = connection.definition().method(invocation.target());
        if (registered == null) {
            throw new HubException("Unknown hub method '" + invocation.target() + "'");
        }
        int count = invocation.arguments().size();
        if (count < registered.minArguments() || count > registered.maxArguments()) {
            throw new HubException("Invocation provides " + count + " argument(s) but target '" + invocation.target() + "' expects "
                    + (registered.minArguments() == registered.maxArguments() ? registered.minArguments()
                    : registered.minArguments() + " to " + registered.maxArguments()) + ".");
        }
        return registered.method().invoke(new HubInvocation(connection, invocation.target(), invocation.arguments()));
    }

    private static String toJson(Object result) {
        if (result == null) {
            return null;
        }
        return result instanceof JsonValue json ? json.toString() : JSONB.toJson(result);
    }

    /** A Completion with the error, or else the result; nothing for a non-blocking call (no invocation id). */
    private static void reply(SignalRConnection connection, String invocationId, String error, String resultJson) {
        if (invocationId != null) {
            connection.sendFrame(error != null ? HubFrames.completionError(invocationId, error) : HubFrames.completion(invocationId, resultJson));
        }
    }
}
