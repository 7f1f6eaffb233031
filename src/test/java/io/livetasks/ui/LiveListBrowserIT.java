package io.livetasks.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client (the official SignalR client underneath) against the real server: what one window
 * does shows up in another, pushed, without a reload, on whichever transport the browser can use, and
 * across a lost connection. Each test opens its own headless Chromium windows on a list of its own and
 * closes them at the end.
 */
@ExtendWith(ArquillianExtension.class)
class LiveListBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Run before the page's scripts: the browser then looks like one without these APIs (or behind a proxy that blocks them). */
    private static final String WITHOUT_WEBSOCKET = "delete window.WebSocket; window.WebSocket = undefined;";
    private static final String WITHOUT_EVENTSOURCE = "delete window.EventSource; window.EventSource = undefined;";
    /**
     * Keeps the page's open WebSockets in {@code window.__livetasksSockets}, so a test can cut them: taking
     * the browser offline (CDP) fails new requests but leaves open WebSockets alone.
     */
    private static final String TRACK_WEBSOCKETS = """
            window.__livetasksSockets = new Set();
            window.WebSocket = class extends window.WebSocket {
              constructor(...args) {
                super(...args);
                window.__livetasksSockets.add(this);
                this.addEventListener('close', () => window.__livetasksSockets.delete(this));
              }
            };
            """;
    /** Closes the tracked WebSockets with a code that the client treats as an abnormal drop. */
    private static final String CUT_WEBSOCKETS =
            "window.__livetasksSockets.forEach((socket) => socket.close(4000, 'cut by test')); return window.__livetasksSockets.size;";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @BeforeAll
    static void requireChromium() {
        assumeTrue(Chromium.installed(), Chromium.notInstalled());
    }

    @Test
    void shouldShowTaskAddedInOneWindowInTheOther() throws Exception {
        try (Chromium first = Chromium.launch(); Chromium second = Chromium.launch()) {
            TaskListPage a = new TaskListPage(first.driver(), root()).open();
            long listId = a.createList(unique("Two windows"));
            TaskListPage b = new TaskListPage(second.driver(), root()).openList(listId);
            a.waitUntilLive();
            b.waitUntilLive();
            b.markDocument();

            long taskId = a.addTask("Buy milk");
            b.waitForTitle(taskId, "Buy milk");

            b.toggle(taskId);
            a.waitForCompleted(taskId, true);

            a.rename(taskId, "Buy oat milk");
            b.waitForTitle(taskId, "Buy oat milk");
            long otherTaskId = a.addTask("Call the plumber");
            b.waitForTitle(otherTaskId, "Call the plumber");
            a.screenshot(SCREENSHOTS.resolve("two-windows-a.png"));
            b.screenshot(SCREENSHOTS.resolve("two-windows-b.png"));

            b.delete(taskId);
            a.waitUntilGone(taskId);

            assertThat(a.titleOf(otherTaskId)).isEqualTo("Call the plumber");
            assertThat(b.wasReloaded()).as("second window reloaded").isFalse();
        }
    }

    @Test
    void shouldUseWebSocketsWhereTheBrowserHasThem() throws Exception {
        try (Chromium browser = Chromium.launch()) {
            TaskListPage page = new TaskListPage(browser.driver(), root()).open();
            page.createList(unique("WebSockets"));

            page.waitUntilLive();

            assertThat(page.connectionTransport()).isEqualTo("WebSockets");
            assertThat(page.connectionText()).isEqualTo("Live · WebSocket");
        }
    }

    @Test
    void shouldStayLiveOnServerSentEventsWithoutWebSockets() throws Exception {
        twoWindowsWithout("ServerSentEvents", WITHOUT_WEBSOCKET);
    }

    @Test
    void shouldStayLiveOnLongPollingWithoutWebSocketsAndEventSource() throws Exception {
        twoWindowsWithout("LongPolling", WITHOUT_WEBSOCKET + WITHOUT_EVENTSOURCE);
    }

    @Test
    void shouldShowEverythingAddedWhileDisconnectedOnceReconnected() throws Exception {
        try (Chromium first = Chromium.launch(); Chromium second = Chromium.launch()) {
            second.beforeEveryPage(TRACK_WEBSOCKETS);
            TaskListPage writer = new TaskListPage(first.driver(), root()).open();
            long listId = writer.createList(unique("Reconnect"));
            TaskListPage reader = new TaskListPage(second.driver(), root()).openList(listId);
            writer.waitUntilLive();
            reader.waitUntilLive();
            long before = writer.addTask("Before the outage");
            reader.waitForTitle(before, "Before the outage");
            reader.markDocument();

            assertThat(reader.connectionTransport()).isEqualTo("WebSockets");
            second.offline(true);
            assertThat(reader.script(CUT_WEBSOCKETS)).as("open WebSockets cut").isEqualTo(1L);
            reader.waitUntilReconnecting();
            List<String> missed = List.of("Missed one", "Missed two", "Missed three");
            List<Long> missedIds = missed.stream().map(writer::addTask).toList();
            writer.toggle(before);
            writer.waitForCompleted(before, true);
            assertThat(reader.titles()).as("nothing arrives while offline").containsExactly("Before the outage");
            second.offline(false);

            reader.waitUntilLiveAgain();
            for (int i = 0; i < missed.size(); i++) {
                reader.waitForTitle(missedIds.get(i), missed.get(i));
            }
            reader.waitForCompleted(before, true);
            assertThat(reader.titles()).containsExactly("Before the outage", "Missed one", "Missed two", "Missed three");
            assertThat(reader.wasReloaded()).as("reader reloaded").isFalse();

            long after = writer.addTask("After the outage");
            reader.waitForTitle(after, "After the outage");
        }
    }

    @Test
    void shouldRenderTitlesAsText() throws Exception {
        String markup = "<img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script>";
        try (Chromium browser = Chromium.launch()) {
            TaskListPage page = new TaskListPage(browser.driver(), root()).open();
            page.createList(unique(markup));
            page.waitUntilLive();

            long taskId = page.addTask(markup);

            assertThat(page.titleOf(taskId)).isEqualTo(markup);
            assertThat(page.listName()).startsWith(markup);
            assertThat(page.elementsInTasks("img")).isZero();
            assertThat(page.elementsInTasks("script")).isZero();
            assertThat(page.script("return typeof window.__xss;")).isEqualTo("undefined");
        }
    }

    @Test
    void shouldShowConnectionState() throws Exception {
        try (Chromium browser = Chromium.launch()) {
            TaskListPage page = new TaskListPage(browser.driver(), root()).open();
            page.createList(unique("Connection"));

            page.waitUntilLive();

            assertThat(page.connectionText()).startsWith("Live");
        }
    }

    @Test
    void shouldShowChangesWrittenWithPlainSql() throws Exception {
        try (Chromium browser = Chromium.launch()) {
            TaskListPage page = new TaskListPage(browser.driver(), root()).open();
            long listId = page.createList(unique("Plain SQL"));
            page.waitUntilLive();

            try (Connection jdbc = ItDatabase.connect();
                 PreparedStatement insert = jdbc.prepareStatement("INSERT INTO task (list_id, title) VALUES (?, ?)");
                 PreparedStatement complete = jdbc.prepareStatement("UPDATE task SET completed = TRUE WHERE id = ?")) {
                insert.setLong(1, listId);
                insert.setString(2, "Written by a DBA");
                insert.executeUpdate();
                long taskId = page.waitForTask("Written by a DBA");

                complete.setLong(1, taskId);
                complete.executeUpdate();
                page.waitForCompleted(taskId, true);
            }
        }
    }

    /**
     * Two windows whose browsers lack what {@code disable} removes: the client falls back to {@code transport},
     * and each window shows what the other adds.
     */
    private void twoWindowsWithout(String transport, String disable) throws Exception {
        try (Chromium first = Chromium.launch(); Chromium second = Chromium.launch()) {
            first.beforeEveryPage(disable);
            second.beforeEveryPage(disable);
            TaskListPage a = new TaskListPage(first.driver(), root()).open();
            long listId = a.createList(unique(transport));
            TaskListPage b = new TaskListPage(second.driver(), root()).openList(listId);
            a.waitUntilLive();
            b.waitUntilLive();

            assertThat(a.connectionTransport()).isEqualTo(transport);
            assertThat(b.connectionTransport()).isEqualTo(transport);
            assertThat(a.script("return typeof window.WebSocket;")).isEqualTo("undefined");

            long fromA = a.addTask("From A over " + transport);
            b.waitForTitle(fromA, "From A over " + transport);
            long fromB = b.addTask("From B over " + transport);
            a.waitForTitle(fromB, "From B over " + transport);
            b.toggle(fromA);
            a.waitForCompleted(fromA, true);
        }
    }

    /** The application's root; a trailing slash keeps the page's relative URLs inside the context root. */
    private URI root() throws URISyntaxException {
        String url = base.toExternalForm();
        return new URI(url.endsWith("/") ? url : url + "/");
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
