package io.livetasks.ui;

import io.livetasks.it.User;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The livetasks page in one browser, driven through its {@code data-testid} hooks. Every wait is
 * bounded; a timeout names what was awaited.
 */
final class TaskListPage {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * How often a wait looks again. Selenium's default (500 ms) added a quarter second, on average, to every wait;
     * each look is several WebDriver round trips, which compete with the browser and server for two cores, so not
     * much more often than this.
     */
    static final Duration POLL = Duration.ofMillis(100);
    /** A reconnect waits up to 10 s between attempts (js/retry.js), then replays what was missed. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final URI app;

    /** @param app the application's root URL, ending in "/" */
    TaskListPage(WebDriver driver, URI app) {
        this.driver = driver;
        this.app = app;
    }

    /** Signs this (fresh) browser in as {@code user} through the login page and returns the app. */
    static TaskListPage signIn(WebDriver driver, URI app, User user) {
        return SignInPage.open(driver, app).signIn(user);
    }

    /** Signs this (fresh) browser in as {@code user} without the login page ({@link SignInPage#signInWithoutThePage}) and opens the app. */
    static TaskListPage signInDirectly(Chromium browser, URI app, User user) throws IOException, InterruptedException {
        SignInPage.signInWithoutThePage(browser, app, user);
        browser.driver().get(app.toString());
        return new TaskListPage(browser.driver(), app).waitUntilSignedInAs(user.name());
    }

    /** Waits until the app shows who is signed in (it has loaded and asked the server). */
    TaskListPage waitUntilSignedInAs(String user) {
        await("the app to show " + user + " as signed in")
                .until(d -> !d.findElements(testId("signed-in-user")).isEmpty() && user.equals(signedInUser()));
        return this;
    }

    String signedInUser() {
        return textOf(driver.findElement(testId("signed-in-user")));
    }

    /** Signs out with the app's button; returns the login page it goes to. */
    SignInPage signOut() {
        driver.findElement(testId("sign-out")).click();
        return SignInPage.expect(driver, app);
    }

    /** Opens a list by its shareable URL, the way a second window would. */
    TaskListPage openList(long listId) {
        driver.get(app.resolve("#list=" + listId).toString());
        await("list " + listId + " to load").until(d -> d.findElement(testId("list-view")).isDisplayed());
        return this;
    }

    /** Navigates to a list's URL without waiting for it to open (it may be refused). */
    void openListByUrl(long listId) {
        driver.get(app.resolve("#list=" + listId).toString());
    }

    /** Creates a list through the form and returns its id, read from the URL the page navigated to. */
    long createList(String name) {
        WebElement input = driver.findElement(testId("new-list-input"));
        input.sendKeys(name);
        input.sendKeys(Keys.ENTER);
        await("list \"" + name + "\" to open").until(d -> name.equals(listName()));
        String url = driver.getCurrentUrl();
        return Long.parseLong(url.substring(url.indexOf("#list=") + "#list=".length()));
    }

    String listName() {
        return textOf(driver.findElement(testId("list-name")));
    }

    TaskListPage waitUntilLive() {
        await("the connection to be live").until(d -> "live".equals(connectionState()));
        return this;
    }

    /** Waits for a dropped connection to be noticed, without going live again in between. */
    TaskListPage waitUntilReconnecting() {
        await("the connection to be reconnecting").until(d -> "reconnecting".equals(connectionState()));
        return this;
    }

    /** Waits for the connection to be live again after a drop, allowing for the reconnect backoff. */
    TaskListPage waitUntilLiveAgain() {
        await("the connection to be live again", RECONNECT_WAIT).until(d -> "live".equals(connectionState()));
        return this;
    }

    /** Waits for a list to show among the user's lists (e.g. once shared with them, without a reload). */
    void waitForListEntry(long listId) {
        await("list " + listId + " to show among the lists").until(d -> listEntry(listId).isPresent());
    }

    void waitUntilListEntryGone(long listId) {
        await("list " + listId + " to leave the lists").until(d -> listEntry(listId).isEmpty());
    }

    /** The caller's role in a list, as its entry among the lists shows it. */
    String listRole(long listId) {
        return textOf(listEntry(listId).orElseThrow().findElement(testId("list-entry-role")));
    }

    /** Opens a list by clicking its entry, as a user does. */
    void clickListEntry(long listId) {
        listEntry(listId).orElseThrow().click();
        await("list " + listId + " to open").until(d -> d.findElement(testId("list-view")).isDisplayed()
                && driver.getCurrentUrl().endsWith("#list=" + listId));
    }

    boolean isListOpen() {
        return driver.findElement(testId("list-view")).isDisplayed();
    }

    /** Shares the open list through the members panel and waits for the member to show. */
    void shareWith(String user, String role) {
        WebElement input = driver.findElement(testId("share-user"));
        input.sendKeys(user);
        new Select(driver.findElement(testId("share-role"))).selectByValue(role);
        driver.findElement(testId("share-submit")).click();
        waitForMember(user, role);
    }

    void waitForMember(String user, String role) {
        await(user + " to show as " + role).until(d -> member(user)
                .map(m -> role.equals(m.getDomAttribute("data-role"))).orElse(false));
    }

    /** Removes a member with their remove button in the members panel. */
    void removeMember(String user) {
        member(user).orElseThrow().findElement(testId("member-remove")).click();
    }

    void waitUntilNoMember(String user) {
        await(user + " to leave the members").until(d -> member(user).isEmpty());
    }

    /** Whether the open list shows with no control that changes it (a reader's view). */
    boolean isReadOnly() {
        return !driver.findElement(testId("new-task-form")).isDisplayed()
                && driver.findElement(testId("read-only-note")).isDisplayed()
                && driver.findElements(By.cssSelector("[data-testid='tasks'] [data-testid='task-edit'],"
                        + " [data-testid='tasks'] [data-testid='task-delete']")).isEmpty()
                && rows().stream().noneMatch(r -> r.findElement(testId("task-checkbox")).isEnabled());
    }

    /** Waits for the notice area (news that is no error) to show, and returns its text. */
    String waitForNotice() {
        return await("a notice").until(d -> d.findElement(testId("notice")).isDisplayed()
                ? d.findElement(testId("notice-text")).getText() : null);
    }

    /** Waits for the error alert to show, and returns its text. */
    String waitForAlert() {
        return await("an alert").until(d -> d.findElement(testId("alert")).isDisplayed()
                ? d.findElement(testId("alert-text")).getText() : null);
    }

    /** Everything the page's document holds now, hidden parts included. */
    String documentText() {
        return (String) script("return document.documentElement.outerHTML;");
    }

    String connectionState() {
        return driver.findElement(testId("connection-state")).getDomAttribute("data-state");
    }

    /** The SignalR transport in use, as the client names it: {@code WebSockets}, {@code ServerSentEvents} or {@code LongPolling}. */
    String connectionTransport() {
        return driver.findElement(testId("connection-state")).getDomAttribute("data-transport");
    }

    String connectionText() {
        return driver.findElement(testId("connection-state")).getText();
    }

    /** Adds a task through the form and returns its id once its row shows. */
    long addTask(String title) {
        WebElement input = driver.findElement(testId("new-task-input"));
        input.sendKeys(title);
        input.sendKeys(Keys.ENTER);
        return waitForTask(title);
    }

    /**
     * Waits for a task with this title to show with its server id, however it was written, and returns that id.
     * (A task added in this page shows at once with a temporary id, {@code tmp-…}, until the server answers.)
     */
    long waitForTask(String title) {
        WebElement row = await("task \"" + title + "\" to show with its server id")
                .until(d -> rows().stream().filter(r -> title.equals(textOf(title(r)))
                        && r.getDomAttribute("data-task-id").matches("\\d+")).findFirst().orElse(null));
        return Long.parseLong(row.getDomAttribute("data-task-id"));
    }

    /** Adds a task through the form and returns the id its row shows first (temporary while it is pending). */
    String addTaskPending(String title) {
        WebElement input = driver.findElement(testId("new-task-input"));
        input.sendKeys(title);
        input.sendKeys(Keys.ENTER);
        WebElement row = await("task \"" + title + "\" to show")
                .until(d -> rows().stream().filter(r -> title.equals(textOf(title(r)))).findFirst().orElse(null));
        return row.getDomAttribute("data-task-id");
    }

    /** Renames the row with this id (a server id, or a temporary one), as {@link #rename(long, String)} does. */
    void rename(String taskId, String newTitle) {
        WebElement row = await("task " + taskId + " to show").until(d -> row(taskId).orElse(null));
        row.findElement(testId("task-edit")).click();
        WebElement input = await("the title editor").until(ExpectedConditions.visibilityOf(
                row.findElement(testId("task-title-input"))));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), newTitle, Keys.ENTER);
    }

    /** The task's pending mark: {@code pending}, {@code conflict}, {@code failed}, or empty when it is confirmed. */
    String pendingMark(String taskId) {
        return row(taskId).map(r -> Optional.ofNullable(r.getDomAttribute("data-pending")).orElse("")).orElse("(gone)");
    }

    /** Waits until no task shows a pending mark (every change confirmed by the server's stream). */
    void waitUntilNothingPending() {
        await("every pending mark to clear", RECONNECT_WAIT).until(d -> d.findElements(testId("task-pending")).isEmpty()
                && "synced".equals(syncState()));
    }

    /** The sync status line's state: {@code synced}, {@code stale}, {@code saving} or {@code offline}. */
    String syncState() {
        return driver.findElement(testId("sync-status")).getDomAttribute("data-state");
    }

    String syncText() {
        return textOf(driver.findElement(testId("sync-status")));
    }

    void waitForSyncState(String state) {
        await("the sync status to be " + state, RECONNECT_WAIT).until(d -> state.equals(syncState()));
    }

    /** Waits for a change that needs the user's decision (a conflict) and returns what it says the task is now. */
    String waitForConflict() {
        return await("a conflict to show", RECONNECT_WAIT).until(d -> d.findElements(testId("conflict")).stream()
                .findFirst().map(c -> textOf(c.findElement(testId("conflict-theirs")))).orElse(null));
    }

    /** Re-applies the first conflict's change ("Apply mine") and waits until no conflict shows. */
    void reapplyConflict() {
        driver.findElement(testId("conflict-reapply")).click();
        await("the conflict to go", RECONNECT_WAIT).until(d -> d.findElements(testId("conflict")).isEmpty());
    }

    Optional<WebElement> row(String taskId) {
        return driver.findElements(By.cssSelector("[data-testid='task'][data-task-id='" + taskId + "']"))
                .stream().findFirst();
    }

    Optional<WebElement> row(long taskId) {
        return driver.findElements(By.cssSelector("[data-testid='task'][data-task-id='" + taskId + "']"))
                .stream().findFirst();
    }

    String titleOf(long taskId) {
        return textOf(title(requiredRow(taskId)));
    }

    boolean isCompleted(long taskId) {
        return requiredRow(taskId).findElement(testId("task-checkbox")).isSelected();
    }

    void toggle(long taskId) {
        requiredRow(taskId).findElement(testId("task-checkbox")).click();
    }

    /** Edits a title the way a user does: edit button, replace the text, Enter. */
    void rename(long taskId, String newTitle) {
        WebElement row = requiredRow(taskId);
        row.findElement(testId("task-edit")).click();
        WebElement input = await("the title editor").until(ExpectedConditions.visibilityOf(
                row.findElement(testId("task-title-input"))));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), newTitle, Keys.ENTER);
    }

    void delete(long taskId) {
        requiredRow(taskId).findElement(testId("task-delete")).click();
    }

    void waitForTitle(long taskId, String title) {
        await("task " + taskId + " to be titled \"" + title + "\"")
                .until(d -> row(taskId).map(r -> title.equals(textOf(title(r)))).orElse(false));
    }

    void waitForCompleted(long taskId, boolean completed) {
        await("task " + taskId + (completed ? " to be checked" : " to be unchecked"))
                .until(d -> row(taskId).map(r -> r.findElement(testId("task-checkbox")).isSelected() == completed)
                        .orElse(false));
    }

    void waitUntilGone(long taskId) {
        await("task " + taskId + " to disappear").until(d -> row(taskId).isEmpty());
    }

    /** The titles of all task rows, in page order. */
    List<String> titles() {
        return rows().stream().map(r -> textOf(title(r))).toList();
    }

    /** Counts elements of a tag inside the task list, e.g. to prove a title's markup was not parsed. */
    int elementsInTasks(String tag) {
        return driver.findElements(By.cssSelector("[data-testid='tasks'] " + tag)).size();
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /**
     * Leaves a mark in the current document; {@link #wasReloaded()} then tells whether the page was
     * loaded again since (a reload would start a fresh document without the mark).
     */
    void markDocument() {
        script("window.__livetasksMark = true;");
    }

    boolean wasReloaded() {
        return !Boolean.TRUE.equals(script("return window.__livetasksMark === true;"));
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Waits until the presence line above the list reads {@code text} (e.g. "Viewing now: bob"); returns it. */
    String waitForViewers(String text) {
        await("the presence line to read \"" + text + "\"").until(d -> {
            WebElement line = d.findElement(testId("presence"));
            return line.isDisplayed() && text.equals(textOf(line));
        });
        return textOf(driver.findElement(testId("presence")));
    }

    private Optional<WebElement> listEntry(long listId) {
        return driver.findElements(By.cssSelector("[data-testid='list-entry'][data-list-id='" + listId + "']"))
                .stream().findFirst();
    }

    private Optional<WebElement> member(String user) {
        return driver.findElements(testId("member")).stream()
                .filter(m -> user.equals(m.getDomAttribute("data-user"))).findFirst();
    }

    private List<WebElement> rows() {
        return driver.findElements(testId("task"));
    }

    private WebElement requiredRow(long taskId) {
        return await("task " + taskId + " to show").until(d -> row(taskId).orElse(null));
    }

    private static WebElement title(WebElement row) {
        return row.findElement(testId("task-title"));
    }

    /** The exact text, markup characters and spaces included (getText() would normalise whitespace). */
    private static String textOf(WebElement element) {
        return element.getDomProperty("textContent");
    }

    private WebDriverWait await(String what) {
        return await(what, WAIT);
    }

    private WebDriverWait await(String what, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.withMessage("waiting for " + what);
        // Live updates re-render parts of the page while a condition looks at them: look again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }
}
