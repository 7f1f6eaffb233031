package io.livetasks.task.feed;

import io.livetasks.task.ListAccess;
import io.livetasks.changefeed.Version;
import io.livetasks.push.ConnectionLimits;
import io.livetasks.push.Hub;
import io.livetasks.push.sse.SseConnection;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/lists/{listId}/events}: the list's changes as Server-Sent Events (event {@code taskUpdate},
 * {@code id:} = version), resuming after {@code Last-Event-ID} or {@code ?since=} when given; only for a
 * member of the list (404 otherwise), and ended with {@code revoked} when the caller is removed from it.
 */
@Path("lists/{listId}/events")
@RequestScoped
public class ListEventsResource {

    private static final Logger LOG = Logger.getLogger(ListEventsResource.class.getName());

    private final ListAccess access;
    private final ListSubscriptions subscriptions;
    private final ConnectionLimits limits;
    private final Hub hub;
    private final ManagedScheduledExecutorService executor;

    /** @param executor where the stream's (blocking) writes run, off the poller's thread (see {@link SseConnection}) */
    @Inject
    public ListEventsResource(ListAccess access, ListSubscriptions subscriptions, ConnectionLimits limits, Hub hub,
                              ManagedScheduledExecutorService executor) {
        this.access = access;
        this.limits = limits;
        this.subscriptions = subscriptions;
        this.hub = hub;
        this.executor = executor;
    }

    /** For the CDI proxy only. */
    protected ListEventsResource() {
        this(null, null, null, null, null);
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("listId") long listId,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @QueryParam("since") String since,
                       @Context SseEventSink sink, @Context Sse sse, @Context SecurityContext caller) throws SQLException {
        Optional<Version> resumeFrom = ResumePoint.parse(lastEventId != null ? lastEventId : since);
        String user = caller.getUserPrincipal().getName(); // the web layer refused anonymous requests
        access.requireMember(listId, user); // 404 for a list the caller may not see, before the stream starts
        ConnectionLimits.Permit permit = limits.admit(user).orElseThrow(() -> new WebApplicationException(
                "Too many connections: close some, or try again later",
                Response.status(429).header(HttpHeaders.RETRY_AFTER, ConnectionLimits.RETRY_AFTER_SECONDS).build()));
        SseConnection connection = new SseConnection(user, hub.queueCapacity(), sink, sse, executor);
        connection.onClose(permit::release);
        connection.open();
        hub.add(connection);
        try {
            if (!subscriptions.subscribe(listId, resumeFrom, connection.subscription(), user)) {
                connection.finish("resync");
            }
        } catch (SQLException | RuntimeException e) {
            // The headers are out: end the stream, so that the client reconnects (and resumes) instead of
            // waiting on a stream that is not subscribed.
            LOG.log(Level.WARNING, "Could not subscribe an SSE stream to list {0}: {1}", new Object[] {listId, e.toString()});
            connection.close("server error");
        }
    }

    /** Parses a resume version given by a client. */
    static final class ResumePoint {

        private ResumePoint() {
        }

        /** @throws BadRequestException when it is given but not a whole number of at least 0 */
        static Optional<Version> parse(String version) {
            if (version == null || version.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Version.parse(version));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("The resume version must be a whole number of at least 0: " + version);
            }
        }
    }
}
