package io.livetasks.ui;

import io.livetasks.it.User;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.Select;

/**
 * The livetasks page in one browser, driven through its {@code data-testid} hooks. Every wait is
 * bounded; a timeout names what was awaited. A wait runs inside the page ({@link #awaitInPage}): one WebDriver
 * call per wait instead of several per look, which competed with the browser and server for two cores.
 */
final class TaskListPage {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * How often a wait from here (the login page's, the telemetry page's) looks again. Selenium's default (500 ms)
     * added a quarter second, on average, to every wait; each look is WebDriver round trips, so not much more often.
     */
    static final Duration POLL = Duration.ofMillis(100);
    /** A reconnect waits up to 10 s between attempts (js/retry.js), then replays what was missed. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);
    /**
     * Runs a wait inside the page: {@code arguments} are the timeout in milliseconds, then the condition's arguments,
     * then WebDriver's callback. The condition ({@code %s}, the body of a function of {@code args}) is tried now and
     * every 25 ms until it returns a truthy value or the time is up; an exception counts as "not yet" (an element
     * re-rendered or not there yet) and is reported if the time runs out. A script, not a function built from a
     * string: the page's Content-Security-Policy forbids eval, but not scripts run by WebDriver.
     */
    private static final String IN_PAGE_WAIT = """
            const done = arguments[arguments.length - 1];
            const timeoutMs = arguments[0];
            const args = Array.prototype.slice.call(arguments, 1, arguments.length - 1);
            const byTestId = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);
            const row = (id) => document.querySelector(`[data-testid="task"][data-task-id="${id}"]`);
            const titleOf = (row) => byTestId('task-title', row).textContent;
            const shown = (element) => element !== null && element.checkVisibility({ visibilityProperty: true });
            const condition = (args) => { %s };
            const deadline = Date.now() + timeoutMs;
            let lastError = null;
            const look = () => {
              let value = null;
              try {
                value = condition(args);
              } catch (e) {
                lastError = String(e);
              }
              if (value) {
                done({ value });
              } else if (Date.now() >= deadline) {
                done({ timedOut: true, lastError });
              } else {
                setTimeout(look, 25);
              }
            };
            look();
            """;

    private final WebDriver driver;
    private final URI app;

    /** @param app the application's root URL, ending in "/" */
    TaskListPage(WebDriver driver, URI app) {
        this.driver = driver;
        this.app = app;
        // Longer than any wait here: the page ends its waits itself, with a message saying what was awaited.
        driver.manage().timeouts().scriptTimeout(RECONNECT_WAIT.plusSeconds(15));
    }

    /** Signs this (fresh) browser in as {@code user} through the login page and returns the app. */
    static TaskListPage signIn(WebDriver driver, URI app, User user) {
        return SignInPage.open(driver, app).signIn(user);
    }

    /**
     * Signs this (fresh) browser in as {@code user} without the login page ({@link SignInPage#signInWithoutThePage})
     * and opens the app.
     */
    static TaskListPage signInDirectly(Chromium browser, URI app, User user) throws IOException, InterruptedException {
        SignInPage.signInWithoutThePage(browser, app, user);
        browser.driver().get(app.toString());
        return new TaskListPage(browser.driver(), app).waitUntilSignedInAs(user.name());
    }

    /** Waits until the app shows who is signed in (it has loaded and asked the server). */
    TaskListPage waitUntilSignedInAs(String user) {
        awaitInPage("the app to show " + user + " as signed in",
                "return byTestId('signed-in-user')?.textContent === args[0];", user);
        return this;
    }

    /** Signs out with the app's button; returns the login page it goes to. */
    SignInPage signOut() {
        driver.findElement(testId("sign-out")).click();
        return SignInPage.expect(driver, app);
    }

    /** Opens a list by its shareable URL, the way a second window would. */
    TaskListPage openList(long listId) {
        driver.get(app.resolve("#list=" + listId).toString());
        awaitInPage("list " + listId + " to load", "return shown(byTestId('list-view'));");
        return this;
    }

    /** Navigates to a list's URL without waiting for it to open (it may be refused). */
    void openListByUrl(long listId) {
        driver.get(app.resolve("#list=" + listId).toString());
    }

    /** Creates a list through the form and returns its id, read from the URL the page navigated to. */
    long createList(String name) {
        submit(driver.findElement(testId("new-list-input")), name);
        String url = (String) awaitInPage("list \"" + name + "\" to open",
                "return byTestId('list-name')?.textContent === args[0] && location.href;", name);
        return Long.parseLong(url.substring(url.indexOf("#list=") + "#list=".length()));
    }

    String listName() {
        return textOf(driver.findElement(testId("list-name")));
    }

    TaskListPage waitUntilLive() {
        awaitConnectionState("live", WAIT);
        return this;
    }

    /** Waits for a dropped connection to be noticed, without going live again in between. */
    TaskListPage waitUntilReconnecting() {
        awaitConnectionState("reconnecting", WAIT);
        return this;
    }

    /** Waits for the connection to be live again after a drop, allowing for the reconnect backoff. */
    TaskListPage waitUntilLiveAgain() {
        awaitConnectionState("live", RECONNECT_WAIT);
        return this;
    }

    /** Waits for a list to show among the user's lists (e.g. once shared with them, without a reload). */
    void waitForListEntry(long listId) {
        awaitInPage("list " + listId + " to show among the lists", LIST_ENTRY + " !== null;", listId);
    }

    void waitUntilListEntryGone(long listId) {
        awaitInPage("list " + listId + " to leave the lists", LIST_ENTRY + " === null;", listId);
    }

    /** The caller's role in a list, as its entry among the lists shows it. */
    String listRole(long listId) {
        return textOf(listEntry(listId).orElseThrow().findElement(testId("list-entry-role")));
    }

    /** Opens a list by clicking its entry, as a user does. */
    void clickListEntry(long listId) {
        listEntry(listId).orElseThrow().click();
        awaitInPage("list " + listId + " to open",
                "return shown(byTestId('list-view')) && location.hash === '#list=' + args[0];", listId);
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
        awaitInPage(user + " to show as " + role, MEMBER + "?.dataset.role === args[1];", user, role);
    }

    /** Removes a member with their remove button in the members panel. */
    void removeMember(String user) {
        member(user).orElseThrow().findElement(testId("member-remove")).click();
    }

    void waitUntilNoMember(String user) {
        awaitInPage(user + " to leave the members", MEMBER + " === undefined;", user);
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
        return (String) awaitInPage("a notice", "return shown(byTestId('notice')) && byTestId('notice-text').innerText;");
    }

    /** Waits for the error alert to show, and returns its text. */
    String waitForAlert() {
        return (String) awaitInPage("an alert", "return shown(byTestId('alert')) && byTestId('alert-text').innerText;");
    }

    /** Everything the page's document holds now, hidden parts included. */
    String documentText() {
        return (String) script("return document.documentElement.outerHTML;");
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
        submit(driver.findElement(testId("new-task-input")), title);
        return waitForTask(title);
    }

    /**
     * Waits for a task with this title to show with its server id, however it was written, and returns that id.
     * (A task added in this page shows at once with a temporary id, {@code tmp-…}, until the server answers.)
     */
    long waitForTask(String title) {
        return Long.parseLong((String) awaitInPage("task \"" + title + "\" to show with its server id", ROW_TITLED
                + ".filter((row) => /^\\d+$/.test(row.dataset.taskId)).map((row) => row.dataset.taskId)[0];", title));
    }

    /** Adds a task through the form and returns the id its row shows first (temporary while it is pending). */
    String addTaskPending(String title) {
        submit(driver.findElement(testId("new-task-input")), title);
        return (String) awaitInPage("task \"" + title + "\" to show",
                ROW_TITLED + ".map((row) => row.dataset.taskId)[0];", title);
    }

    /** Renames the row with this id (a server id, or a temporary one), as {@link #rename(long, String)} does. */
    void rename(String taskId, String newTitle) {
        editTitle(requiredRow(taskId), newTitle);
    }

    /** The task's pending mark: {@code pending}, {@code conflict}, {@code failed}, or empty when it is confirmed. */
    String pendingMark(String taskId) {
        return row(taskId).map(r -> Optional.ofNullable(r.getDomAttribute("data-pending")).orElse("")).orElse("(gone)");
    }

    /** Waits until no task shows a pending mark (every change confirmed by the server's stream). */
    void waitUntilNothingPending() {
        awaitInPage("every pending mark to clear", RECONNECT_WAIT,
                "return byTestId('task-pending') === null && byTestId('sync-status').dataset.state === 'synced';");
    }

    String syncText() {
        return textOf(driver.findElement(testId("sync-status")));
    }

    /** Waits for the sync status line's state: {@code synced}, {@code stale}, {@code saving} or {@code offline}. */
    void waitForSyncState(String state) {
        awaitInPage("the sync status to be " + state, RECONNECT_WAIT,
                "return byTestId('sync-status').dataset.state === args[0];", state);
    }

    /** Waits for a change that needs the user's decision (a conflict) and returns what it says the task is now. */
    String waitForConflict() {
        return (String) awaitInPage("a conflict to show", RECONNECT_WAIT,
                "return byTestId('conflict-theirs', byTestId('conflict')).textContent;");
    }

    /** Re-applies the first conflict's change ("Apply mine") and waits until no conflict shows. */
    void reapplyConflict() {
        driver.findElement(testId("conflict-reapply")).click();
        awaitInPage("the conflict to go", RECONNECT_WAIT, "return byTestId('conflict') === null;");
    }

    private Optional<WebElement> row(String taskId) {
        return driver.findElements(By.cssSelector("[data-testid='task'][data-task-id='" + taskId + "']"))
                .stream().findFirst();
    }

    String titleOf(long taskId) {
        return textOf(title(requiredRow(taskId)));
    }

    void toggle(long taskId) {
        requiredRow(taskId).findElement(testId("task-checkbox")).click();
    }

    /** Edits a title the way a user does: edit button, replace the text, Enter. */
    void rename(long taskId, String newTitle) {
        editTitle(requiredRow(taskId), newTitle);
    }

    private void editTitle(WebElement row, String newTitle) {
        row.findElement(testId("task-edit")).click();
        WebElement input = (WebElement) awaitInPage("the title editor",
                "const input = byTestId('task-title-input', args[0]); return shown(input) && input;", row);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        insertText(newTitle);
        input.sendKeys(Keys.ENTER);
    }

    void delete(long taskId) {
        requiredRow(taskId).findElement(testId("task-delete")).click();
    }

    void waitForTitle(long taskId, String title) {
        awaitInPage("task " + taskId + " to be titled \"" + title + "\"",
                "return titleOf(row(args[0])) === args[1];", taskId, title);
    }

    void waitForCompleted(long taskId, boolean completed) {
        awaitInPage("task " + taskId + (completed ? " to be checked" : " to be unchecked"),
                "return byTestId('task-checkbox', row(args[0])).checked === args[1];", taskId, completed);
    }

    void waitUntilGone(long taskId) {
        awaitInPage("task " + taskId + " to disappear", "return row(args[0]) === null;", taskId);
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
        return (String) awaitInPage("the presence line to read \"" + text + "\"",
                "const line = byTestId('presence'); return shown(line) && line.textContent === args[0] && line.textContent;",
                text);
    }

    /** The list entry of list {@code args[0]}, or null (for {@link #awaitInPage}). */
    private static final String LIST_ENTRY =
            "return document.querySelector(`[data-testid=\"list-entry\"][data-list-id=\"${args[0]}\"]`)";
    /** The member {@code args[0]} of the members panel, or undefined (for {@link #awaitInPage}). */
    private static final String MEMBER =
            "return [...document.querySelectorAll('[data-testid=\"member\"]')].find((m) => m.dataset.user === args[0])";
    /** The task rows titled {@code args[0]} (for {@link #awaitInPage}). */
    private static final String ROW_TITLED =
            "return [...document.querySelectorAll('[data-testid=\"task\"]')].filter((row) => titleOf(row) === args[0])";

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

    private WebElement requiredRow(Object taskId) {
        return (WebElement) awaitInPage("task " + taskId + " to show", "return row(args[0]);", taskId);
    }

    private static WebElement title(WebElement row) {
        return row.findElement(testId("task-title"));
    }

    /** The exact text, markup characters and spaces included (getText() would normalise whitespace). */
    private static String textOf(WebElement element) {
        return element.getDomProperty("textContent");
    }

    private void awaitConnectionState(String state, Duration timeout) {
        awaitInPage("the connection to be " + state, timeout,
                "return byTestId('connection-state').dataset.state === args[0];", state);
    }

    private Object awaitInPage(String what, String condition, Object... args) {
        return awaitInPage(what, WAIT, condition, args);
    }

    /**
     * Waits inside the page until {@code condition} holds and returns the value it returned: {@code condition} is the
     * body of a JavaScript function of {@code args}, with the helpers of {@link #IN_PAGE_WAIT}, that returns a truthy
     * value once what is awaited shows. Arguments and results cross as WebDriver converts them (elements included).
     */
    private Object awaitInPage(String what, Duration timeout, String condition, Object... args) {
        Object[] arguments = new Object[args.length + 1];
        arguments[0] = timeout.toMillis();
        System.arraycopy(args, 0, arguments, 1, args.length);
        Map<?, ?> result = (Map<?, ?>) ((JavascriptExecutor) driver)
                .executeAsyncScript(IN_PAGE_WAIT.formatted(condition), arguments);
        if (result.containsKey("value")) {
            return result.get("value");
        }
        throw new TimeoutException("waiting for " + what + " (" + timeout.toSeconds() + " s)"
                + (result.get("lastError") == null ? "" : "; last error in the page: " + result.get("lastError")));
    }

    /** Clicks into {@code input}, enters {@code text} ({@link #insertText}) and presses Enter, as a user does. */
    private void submit(WebElement input, String text) {
        input.click();
        insertText(text);
        input.sendKeys(Keys.ENTER);
    }

    /**
     * Enters {@code text} into the focused field as the browser's text input (DevTools' {@code Input.insertText}: the
     * {@code beforeinput} and {@code input} events of a keyboard's input method committing text), in one round trip.
     * WebDriver's {@code sendKeys} sends every character as key events of its own, round trips each through the driver
     * and the page: typing a list's name of 20 characters took 0.3-1.8 s in LiveListBrowserIT. Keys that mean
     * something to the page (Enter, Ctrl+A) are still real key presses; the page listens to no other key in these
     * fields. Short entries (a user name to share with, the login form's) still type key by key.
     */
    private void insertText(String text) {
        ((HasCdp) driver).executeCdpCommand("Input.insertText", Map.of("text", text));
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }
}
