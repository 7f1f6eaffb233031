package io.livetasks.task.feed;

import io.livetasks.task.TaskService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.SQLException;

/**
 * {@code GET /api/lists/{listId}/events}: the list's changes as Server-Sent Events (event {@code taskUpdate},
 * {@code id:} = version), resuming after {@code Last-Event-ID} or {@code ?since=} when given.
 */
@Path("lists/{listId}/events")
@RequestScoped
public class ListEventsResource {

    private final TaskService service;
    private final TaskFeed feed;
    private final Hub hub;
    private final ManagedScheduledExecutorService executor;

    /** @param executor where the stream's (blocking) writes run, off the poller's thread (see {@link SseConnection}) */
    @Inject
    public ListEventsResource(TaskService service, TaskFeed feed, Hub hub, ManagedScheduledExecutorService executor) {
        this.service = service;
        this.feed = feed;
        this.hub = hub;
        this.executor = executor;
    }

    /** For the CDI proxy only. */
    protected ListEventsResource() {
        this(null, null, null, null);
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("listId") long listId,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @QueryParam("since") String since,
                       @Context SseEventSink sink, @Context Sse sse) throws SQLException {
        Long resumeFrom = ResumePoint.parse(lastEventId != null ? lastEventId : since);
        service.requireList(listId); // 404 for an unknown list before the stream starts
        SseConnection connection = new SseConnection(null, hub.queueCapacity(), sink, sse, executor);
        connection.open();
        hub.add(connection);
        if (!feed.subscribe(listId, resumeFrom, connection.subscription())) {
            connection.finish("resync");
        }
    }

    /** Parses a resume version given by a client. */
    static final class ResumePoint {

        private ResumePoint() {
        }

        static Long parse(String version) {
            if (version == null || version.isBlank()) {
                return null;
            }
            try {
                long value = Long.parseLong(version.strip());
                if (value < 0) {
                    throw new BadRequestException("The resume version must not be negative: " + version);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new BadRequestException("The resume version must be a whole number: " + version);
            }
        }
    }
}
