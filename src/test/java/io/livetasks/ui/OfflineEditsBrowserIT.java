package io.livetasks.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.User;
import io.livetasks.it.cluster.ClusterExtension;
import io.livetasks.it.cluster.RunsOwnServers;
import io.livetasks.testing.RequiredTools;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Working offline and together in the browser (js/outbox.js): edits made while the browser is offline show at
 * once, marked pending, survive the page being closed and opened again, and reach the server in order once it
 * is back; a change someone else made first is shown as a conflict, never overwritten silently, and the user's
 * own change wins when they re-apply it. The server's state is read through the REST API.
 *
 * <p>On the cluster's instance a, an instance like any other, rather than on the Arquillian-managed server: the
 * class then runs in the lane of the classes with servers of their own ({@link RunsOwnServers}), which is shorter
 * than the Arquillian sequence, beside it.
 */
@RunsOwnServers
class OfflineEditsBrowserIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.onH2();

    /** Keeps the page's WebSockets so that they can be cut: going offline (CDP) leaves open WebSockets alone. */
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
    private static final String CUT_WEBSOCKETS =
            "window.__livetasksSockets.forEach((socket) => socket.close(4000, 'cut by test')); return window.__livetasksSockets.size;";
    /**
     * Makes the page's task writes fail as a network failure does (fetch rejects with a TypeError) while the flag
     * {@value #BLOCK_FLAG} is set in the origin's localStorage; reads (the list's snapshot) and the live connection
     * still pass. Installed before the app's own scripts on every page, and read on every request, so that it holds
     * from a reopened page's very first request: blocking URLs through DevTools (Network.setBlockedURLs) let the
     * reopened page's first write through now and then.
     */
    private static final String BLOCK_FLAG = "livetasks-test-block-task-writes";
    private static final String BLOCK_TASK_WRITES = """
            (() => {
              const send = window.fetch.bind(window);
              window.fetch = (input, init) => {
                const url = new URL(typeof input === 'string' ? input : input.url, location.href);
                const method = String(init?.method ?? input?.method ?? 'GET').toUpperCase();
                const taskWrite = method !== 'GET'
                    && (/\\/api\\/lists\\/[^/]+\\/tasks$/.test(url.pathname) || /\\/api\\/tasks\\//.test(url.pathname));
                if (taskWrite && localStorage.getItem('%s') === 'true') {
                  return Promise.reject(new TypeError('Failed to fetch (task writes blocked by the test)'));
                }
                return send(input, init);
              };
            })();
            """.formatted(BLOCK_FLAG);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void requireChromium() {
        RequiredTools.require(Chromium.installed(), Chromium.notInstalled());
    }

    @Test
    void shouldKeepOfflineEditsAcrossClosingThePageAndSendThemInOrderOnceOnline() throws Exception {
        Api api = new Api(root().toURL());
        try (Chromium browser = Chromium.open()) {
            browser.beforeEveryPage(TRACK_WEBSOCKETS);
            browser.beforeEveryPage(BLOCK_TASK_WRITES);
            TaskListPage page = TaskListPage.signInDirectly(browser, root(), User.ALICE);
            long listId = page.createList(unique("Offline"));
            page.waitUntilLive();
            long milk = page.addTask("Milk");
            long eggs = page.addTask("Eggs");
            long old = page.addTask("Old news");
            page.waitUntilNothingPending();

            browser.offline(true);
            page.script(CUT_WEBSOCKETS);
            page.waitForSyncState("offline");
            String bread = page.addTaskPending("Bread");
            assertThat(bread).as("a task added offline has a temporary id").startsWith("tmp-");
            page.rename(bread, "Rye bread");
            page.toggle(milk);
            page.rename(String.valueOf(eggs), "Brown eggs");
            page.delete(old);

            page.waitUntilGone(old);
            page.waitForTitle(eggs, "Brown eggs");
            assertThat(page.pendingMark(bread)).isEqualTo("pending");
            assertThat(page.pendingMark(String.valueOf(milk))).isEqualTo("pending");
            assertThat(page.syncText()).isEqualTo("offline — 5 changes pending");
            assertThat(titles(api, listId)).as("nothing reached the server").containsOnlyKeys("Milk", "Eggs", "Old news");

            // Close the page while offline; open it again with the network back but task writes still failing,
            // so that the page shows the stored edits re-applied over the snapshot it reads.
            page.script("localStorage.setItem('" + BLOCK_FLAG + "', 'true')");
            browser.driver().get("about:blank");
            browser.offline(false);
            page.openList(listId);
            page.waitForTitle(eggs, "Brown eggs");
            page.waitUntilGone(old);
            page.waitForCompleted(milk, true);
            assertThat(page.titles()).containsExactly("Milk", "Brown eggs", "Rye bread");
            assertThat(page.pendingMark(String.valueOf(eggs))).isEqualTo("pending");
            assertThat(titles(api, listId)).as("still nothing on the server").containsOnlyKeys("Milk", "Eggs", "Old news");

            page.script("localStorage.removeItem('" + BLOCK_FLAG + "')");
            serverState(api, "the intended state on the server").until(server -> {
                Map<String, JsonObject> tasks = titles(server, listId);
                assertThat(tasks).containsOnlyKeys("Milk", "Brown eggs", "Rye bread");
                assertThat(tasks.get("Milk").getBoolean("completed")).isTrue();
                assertThat(tasks.get("Rye bread").getBoolean("completed")).isFalse();
                return true;
            });
            page.waitUntilNothingPending();
            assertThat(page.syncText()).isEqualTo("synced");
            assertThat(page.titles()).containsExactly("Milk", "Brown eggs", "Rye bread");
        }
    }

    @Test
    void shouldShowAConflictWhenSomeoneElseChangedTheTaskFirstAndLetTheUserReapplyTheirs() throws Exception {
        Api alice = new Api(root().toURL());
        Api bob = alice.as(User.BOB);
        try (Chromium browser = Chromium.open()) {
            browser.beforeEveryPage(TRACK_WEBSOCKETS);
            TaskListPage page = TaskListPage.signInDirectly(browser, root(), User.ALICE);
            long listId = page.createList(unique("Conflict"));
            alice.share(listId, User.BOB, "writer");
            page.waitUntilLive();
            long plan = page.addTask("Plan");
            page.waitUntilNothingPending();

            browser.offline(true);
            page.script(CUT_WEBSOCKETS);
            page.waitForSyncState("offline");
            page.rename(plan, "Alice's plan");
            page.waitForTitle(plan, "Alice's plan");
            assertThat(bob.send("PATCH", "api/tasks/" + plan, "{\"title\":\"Bob's plan\"}").statusCode()).isEqualTo(200);

            browser.offline(false);

            assertThat(page.waitForConflict()).isEqualTo("“Bob's plan”, not done");
            assertThat(page.pendingMark(String.valueOf(plan))).isEqualTo("conflict");
            assertThat(title(alice, listId, plan)).as("bob's change was not overwritten").isEqualTo("Bob's plan");

            page.reapplyConflict();

            serverState(alice, "alice's plan on the server").until(server -> "Alice's plan".equals(title(server, listId, plan)));
            page.waitUntilNothingPending();
            page.waitForTitle(plan, "Alice's plan");
        }
    }

    /** Polls the server's state through the API until a condition holds (failed assertions count as "not yet"). */
    private static FluentWait<Api> serverState(Api api, String what) {
        return new FluentWait<>(api).withTimeout(WAIT).pollingEvery(TaskListPage.POLL)
                .ignoring(AssertionError.class).withMessage("waiting for " + what);
    }

    private static Map<String, JsonObject> titles(Api api, long listId) {
        return api.snapshot(listId).getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(task -> task.getString("title"), Function.identity()));
    }

    private static String title(Api api, long listId, long taskId) {
        return api.snapshot(listId).getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .filter(task -> task.getJsonNumber("id").longValue() == taskId)
                .map(task -> task.getString("title")).findFirst().orElse("(gone)");
    }

    /** The application's root on the cluster's instance a, ending in "/". */
    private static URI root() {
        return CLUSTER.cluster().a().base();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
