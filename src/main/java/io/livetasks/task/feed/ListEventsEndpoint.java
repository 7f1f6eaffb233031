package io.livetasks.task.feed;

import io.livetasks.changefeed.Version;
import io.livetasks.push.ConnectionLimits;
import io.livetasks.push.Hub;
import io.livetasks.push.sse.SseConnection;
import io.livetasks.task.DataAccessException;
import io.livetasks.task.ListAccess;
import io.livetasks.task.UnknownIdException;
import io.livetasks.web.DataAccessProblemMapper;
import io.livetasks.web.ProblemResponses;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code GET /api/lists/{listId}/events}: the list's changes as Server-Sent Events (event {@code taskUpdate},
 * {@code id:} = version), resuming after {@code Last-Event-ID} or {@code ?since=} when given; only for a
 * member of the list (404 otherwise, checked before any byte of the stream), ended with {@code revoked} when
 * the caller is removed from it. Kept alive with {@code keepAlive} events carrying the version delivered (see {@link SseConnection}).
 *
 * <p>It serves the stream with servlet async I/O, not as a JAX-RS resource: a servlet can own its response
 * and see the container end it, which the JAX-RS sink did not let us do safely. The URL sits inside the
 * REST API's {@code /api/*}, where no servlet mapping can pick out one path with a variable in it, so this is a
 * filter on {@code /api/lists/*} that answers this one path and passes every other request on to JAX-RS. It
 * is {@linkplain Registration registered} to run after every declared filter (origin check, credentials,
 * security headers), and answers as the REST API does: 401, 400, 404, 406, 429 and 503 as problem details.
 */
public class ListEventsEndpoint extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ListEventsEndpoint.class.getName());
    private static final Pattern PATH = Pattern.compile("/api/lists/(\\d{1,18})/events/?");

    private transient ListAccess access;
    private transient ListSubscriptions subscriptions;
    private transient ConnectionLimits limits;
    private transient Hub hub;
    private transient ManagedScheduledExecutorService executor;
    /** One thread that starts every SSE write (non-blocking, so one is enough; see SseConnection#transmit). */
    private transient ExecutorService writes;

    @Override
    public void init() {
        CDI<Object> cdi = CDI.current(); // application-scoped proxies, looked up once
        access = cdi.select(ListAccess.class).get();
        subscriptions = cdi.select(ListSubscriptions.class).get();
        limits = cdi.select(ConnectionLimits.class).get();
        hub = cdi.select(Hub.class).get();
        executor = cdi.select(ManagedScheduledExecutorService.class).get();
        try {
            ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
            writes = Executors.newSingleThreadExecutor(threads);
        } catch (NamingException e) {
            throw new IllegalStateException("No managed thread factory for the SSE writer", e);
        }
    }

    @Override
    public void destroy() {
        if (writes != null) {
            writes.shutdown();
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Matcher path = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            ProblemResponses.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed",
                    request.getMethod() + " is not supported here");
            return;
        }
        if (request.getUserPrincipal() == null) {
            ProblemResponses.signInFirst(request, response);
            return;
        }
        if (!acceptsEventStream(request.getHeader("Accept"))) {
            ProblemResponses.write(response, HttpServletResponse.SC_NOT_ACCEPTABLE, "Not Acceptable",
                    "This is an event stream: accept text/event-stream");
            return;
        }
        String lastEventId = request.getHeader("Last-Event-ID");
        Optional<Version> resumeFrom;
        boolean presence;
        try {
            resumeFrom = ResumePoint.parse(lastEventId != null ? lastEventId : request.getParameter("since"));
            presence = PresenceEvent.requested(request.getParameter(PresenceEvent.PARAMETER));
        } catch (IllegalArgumentException e) {
            ProblemResponses.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request", e.getMessage());
            return;
        }
        stream(Long.parseLong(path.group(1)), resumeFrom, presence, request, response);
    }

    private void stream(long listId, Optional<Version> resumeFrom, boolean presence, HttpServletRequest request,
                        HttpServletResponse response)
            throws IOException {
        String user = request.getUserPrincipal().getName();
        if (!isMember(listId, user, response)) {
            return;
        }
        Optional<ConnectionLimits.Permit> permit = limits.admit(user);
        if (permit.isEmpty()) {
            response.setHeader("Retry-After", Integer.toString(ConnectionLimits.RETRY_AFTER_SECONDS));
            ProblemResponses.write(response, 429, "Too Many Requests", "Too many connections: close some, or try again later");
            return;
        }
        SseConnection connection = new SseConnection(user, hub.queueCapacity(), writes, executor);
        connection.onClose(permit.get()::release);
        try {
            connection.open(request, response);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not open an SSE stream of list " + listId, e);
            connection.close("could not open the stream");
            return;
        }
        hub.add(connection);
        try {
            if (!subscriptions.subscribe(listId, resumeFrom, connection.subscription(), user, presence)) {
                connection.finish("resync");
            }
        } catch (SQLException | RuntimeException e) {
            // The headers are out: end the stream, so that the client reconnects (and resumes) instead of
            // waiting on a stream that is not subscribed.
            LOG.log(Level.WARNING, "Could not subscribe an SSE stream to list {0}: {1}", new Object[] {listId, e.toString()});
            connection.close("server error");
        }
    }

    /** Whether the user may read the list; else answers 404, or 503/500 when the database fails. */
    private boolean isMember(long listId, String user, HttpServletResponse response) throws IOException {
        try {
            access.requireMember(listId, user);
            return true;
        } catch (UnknownIdException e) {
            ProblemResponses.write(response, HttpServletResponse.SC_NOT_FOUND, "Not Found", e.getMessage());
        } catch (DataAccessException e) {
            DataAccessProblemMapper.write(e, response); // as the REST API answers it: 503 + Retry-After, or 500
        }
        return false;
    }

    /** No Accept header, or one that admits {@code text/event-stream} (the JAX-RS resource answered 406 otherwise). */
    static boolean acceptsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Maps the endpoint after every filter the application declares (annotations, web.xml): only a
     * programmatic registration can say "after" ({@code isMatchAfter}); annotated filters have no defined order.
     */
    @WebListener
    public static final class Registration implements ServletContextListener {

        @Override
        public void contextInitialized(ServletContextEvent event) {
            FilterRegistration.Dynamic filter = event.getServletContext().addFilter("list-events", ListEventsEndpoint.class);
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/lists/*");
        }
    }
}
