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
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client against the real server: what one window does shows up in another, pushed,
 * without a reload. Each test opens its own headless Chromium windows on a list of its own and
 * closes them at the end.
 */
@ExtendWith(ArquillianExtension.class)
class LiveListBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @BeforeAll
    static void requireChromium() {
        assumeTrue(Chromium.installed(), Chromium.NOT_INSTALLED);
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

    /** The application's root; a trailing slash keeps the page's relative URLs inside the context root. */
    private URI root() throws URISyntaxException {
        String url = base.toExternalForm();
        return new URI(url.endsWith("/") ? url : url + "/");
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
