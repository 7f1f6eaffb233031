package io.livetasks.ui;

import io.livetasks.testing.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Deployments;
import io.livetasks.it.ItDatabase;
import io.livetasks.it.User;
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
 * across a lost connection; signing in and out; sharing a list with another user, live both ways. Each
 * test opens its own headless Chromium windows (each its own browser context, so its own sign-in) on a list of
 * its own and closes them at the end.
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

    /** How many of the tracked WebSockets are open. */
    private static final String OPEN_WEBSOCKETS =
            "return [...window.__livetasksSockets].filter((socket) => socket.readyState === WebSocket.OPEN).length;";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @BeforeAll
    static void requireChromium() {
        RequiredTools.require(Chromium.installed(), Chromium.notInstalled());
    }

    @Test
    void shouldShowTaskAddedInOneWindowInTheOther() throws Exception {
        try (Chromium first = Chromium.open(); Chromium second = Chromium.open()) {
            TaskListPage a = signIn(first, User.ALICE);
            long listId = a.createList(unique("Two windows"));
            TaskListPage b = signIn(second, User.ALICE).openList(listId);
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

    /** Also the connection state as the user reads it ({@code shouldShowEverythingAdded...} waits for it to drop and return). */
    @Test
    void shouldUseWebSocketsWhereTheBrowserHasThem() throws Exception {
        try (Chromium browser = Chromium.open()) {
            TaskListPage page = signIn(browser, User.ALICE);
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
        try (Chromium first = Chromium.open(); Chromium second = Chromium.open()) {
            second.beforeEveryPage(TRACK_WEBSOCKETS);
            TaskListPage writer = signIn(first, User.ALICE);
            long listId = writer.createList(unique("Reconnect"));
            TaskListPage reader = signIn(second, User.ALICE).openList(listId);
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
            // The writer has seen its last change live, so the server has pushed it to every connected client;
            // the reader has no open socket (and the browser refuses new requests), so it must not have it.
            assertThat(reader.script(OPEN_WEBSOCKETS)).as("the reader is really offline").isEqualTo(0L);
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
        try (Chromium browser = Chromium.open()) {
            TaskListPage page = signIn(browser, User.ALICE);
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
    void shouldShowChangesWrittenWithPlainSql() throws Exception {
        try (Chromium browser = Chromium.open()) {
            TaskListPage page = signIn(browser, User.ALICE);
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

    @Test
    void shouldRefuseAWrongPasswordWithAMessage() throws Exception {
        try (Chromium browser = Chromium.open()) {
            SignInPage signIn = SignInPage.open(browser.driver(), root());

            signIn.signInFailing(User.ALICE.name(), "not-" + User.ALICE.password());

            assertThat(signIn.error()).isEqualTo("Wrong user name or password. Try again.");
            assertThat(signIn.isShown()).as("still on the login page").isTrue();
        }
    }

    /** Signs in through the login page, as a user does, and out with the app's button. */
    @Test
    void shouldSignOutAndAskToSignInAgain() throws Exception {
        try (Chromium browser = Chromium.open()) {
            TaskListPage page = TaskListPage.signIn(browser.driver(), root(), User.ALICE);

            page.signOut();
            browser.driver().get(root().toString());

            assertThat(SignInPage.expect(browser.driver(), root()).isShown()).as("asked to sign in again").isTrue();
        }
    }

    @Test
    void shouldShowAListSharedWithAnotherUserInTheirAppWithoutReloadAndItsTasksLive() throws Exception {
        try (Chromium aliceBrowser = Chromium.open(); Chromium bobBrowser = Chromium.open()) {
            TaskListPage alice = signIn(aliceBrowser, User.ALICE);
            TaskListPage bob = signIn(bobBrowser, User.BOB);
            bob.waitUntilLive();
            bob.markDocument();
            long listId = alice.createList(unique("Shared with Bob"));
            long before = alice.addTask("Written before sharing");

            alice.shareWith(User.BOB.name(), "reader");

            bob.waitForListEntry(listId);
            assertThat(bob.listRole(listId)).isEqualTo("reader");
            bob.clickListEntry(listId);
            bob.waitForTitle(before, "Written before sharing");
            bob.waitUntilLive();
            assertThat(bob.isReadOnly()).as("a reader's view has no controls that change tasks").isTrue();
            assertThat(alice.waitForViewers("Viewing now: bob")).as("alice sees bob arrive, live")
                    .isEqualTo("Viewing now: bob");
            assertThat(bob.waitForViewers("Viewing now: alice")).as("bob sees alice, not himself")
                    .isEqualTo("Viewing now: alice");
            long after = alice.addTask("Written after sharing");
            bob.waitForTitle(after, "Written after sharing");
            alice.toggle(before);
            bob.waitForCompleted(before, true);
            assertThat(bob.wasReloaded()).as("bob's page reloaded").isFalse();
            bob.screenshot(SCREENSHOTS.resolve("shared-reader.png"));
            alice.screenshot(SCREENSHOTS.resolve("shared-owner.png"));
        }
    }

    @Test
    void shouldTakeAListAwayFromARemovedMemberAndShowThemNothingOfItAfterwards() throws Exception {
        try (Chromium aliceBrowser = Chromium.open(); Chromium bobBrowser = Chromium.open()) {
            TaskListPage alice = signIn(aliceBrowser, User.ALICE);
            TaskListPage bob = signIn(bobBrowser, User.BOB);
            bob.waitUntilLive();
            String name = unique("Taken back");
            long listId = alice.createList(name);
            long seen = alice.addTask("Seen by bob while shared");
            alice.shareWith(User.BOB.name(), "writer");
            bob.waitForListEntry(listId);
            bob.clickListEntry(listId);
            bob.waitForTitle(seen, "Seen by bob while shared");
            bob.waitUntilLive();

            alice.removeMember(User.BOB.name());

            bob.waitUntilListEntryGone(listId);
            assertThat(bob.waitForNotice()).isEqualTo("alice stopped sharing “" + name + "” with you.");
            assertThat(bob.isListOpen()).as("the list's view is closed").isFalse();
            assertThat(bob.titles()).isEmpty();
            assertThat(bob.documentText()).doesNotContain("Seen by bob while shared");
            alice.waitUntilNoMember(User.BOB.name());

            // A task added after the removal must never reach bob. Pushes reach his connection in version
            // order, so once a later change for him (another list shared with him) has arrived, the task
            // would have arrived before it.
            alice.addTask("Written after the removal");
            long barrier = alice.createList(unique("Shared afterwards"));
            alice.shareWith(User.BOB.name(), "reader");
            bob.waitForListEntry(barrier);
            assertThat(bob.documentText()).doesNotContain("Written after the removal").doesNotContain("Seen by bob while shared");
            assertThat(bob.titles()).isEmpty();

            // Nor does the list's own URL show it to him any more.
            bob.openListByUrl(listId);
            assertThat(bob.waitForAlert()).contains("does not exist");
            assertThat(bob.isListOpen()).isFalse();
            assertThat(bob.documentText()).doesNotContain("Written after the removal").doesNotContain("Seen by bob while shared");
        }
    }

    /**
     * Two windows whose browsers lack what {@code disable} removes: the client falls back to {@code transport},
     * and each window shows what the other adds.
     */
    private void twoWindowsWithout(String transport, String disable) throws Exception {
        try (Chromium first = Chromium.open(); Chromium second = Chromium.open()) {
            first.beforeEveryPage(disable);
            second.beforeEveryPage(disable);
            TaskListPage a = signIn(first, User.ALICE);
            long listId = a.createList(unique(transport));
            TaskListPage b = signIn(second, User.ALICE).openList(listId);
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

    /**
     * Signs a fresh browser in and returns the app; without the login page, which {@link #shouldSignOutAndAskToSignInAgain}
     * and {@link #shouldRefuseAWrongPasswordWithAMessage} go through.
     */
    private TaskListPage signIn(Chromium browser, User user) throws Exception {
        return TaskListPage.signInDirectly(browser, root(), user);
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
