package io.livetasks.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.User;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The login page (login.html), where the server sends a browser that is not signed in. */
final class SignInPage {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Follows no redirect: the cookies come with the sign-in's own answer. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final WebDriver driver;
    private final URI app;

    private SignInPage(WebDriver driver, URI app) {
        this.driver = driver;
        this.app = app;
    }

    /** Opens the app, which asks this (signed-out) browser to sign in. */
    static SignInPage open(WebDriver driver, URI app) {
        driver.get(app.toString());
        return new SignInPage(driver, app).waitUntilShown();
    }

    /** The login page, once the browser shows it (e.g. after signing out). */
    static SignInPage expect(WebDriver driver, URI app) {
        return new SignInPage(driver, app).waitUntilShown();
    }

    /** Signs in and returns the app, once it shows the user as signed in. */
    TaskListPage signIn(User user) {
        submit(user.name(), user.password());
        TaskListPage page = new TaskListPage(driver, app);
        page.waitUntilSignedInAs(user.name());
        return page;
    }

    /**
     * Signs {@code browser} in as {@code user} without this page: the form is posted over HTTP and the cookies of
     * that sign-in go into the browser, whose next page of the app is then served to the user. For the tests of
     * something other than signing in, which would otherwise load this page, type and follow the redirect in every
     * window; the page has tests of its own (LiveListBrowserIT).
     */
    static void signInWithoutThePage(Chromium browser, URI app, User user) throws IOException, InterruptedException {
        for (HttpCookie cookie : sessionCookies(app, user)) {
            browser.setCookie(app, cookie);
        }
    }

    /** The cookies a sign-in through the login form gets, posted over HTTP. */
    private static List<HttpCookie> sessionCookies(URI app, User user) throws IOException, InterruptedException {
        HttpResponse<Void> response = HTTP.send(user.loginForm(app).timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding());
        // Set-Cookie also clears the cookie that remembers the page asked for (Max-Age=0): not one to keep.
        List<HttpCookie> cookies = response.headers().allValues("Set-Cookie").stream()
                .flatMap(header -> HttpCookie.parse(header).stream()).filter(cookie -> cookie.getMaxAge() != 0).toList();
        assertThat(cookies).as("session cookies of signing in as %s (status %d)", user.name(), response.statusCode())
                .isNotEmpty();
        return cookies;
    }

    /** Submits credentials that the server refuses; returns the page it comes back to. */
    SignInPage signInFailing(String user, String password) {
        submit(user, password);
        new WebDriverWait(driver, WAIT, TaskListPage.POLL).withMessage("waiting for the sign-in failure message")
                .until(d -> !d.findElements(By.cssSelector("[data-testid='login-error']")).isEmpty()
                        && d.findElement(By.cssSelector("[data-testid='login-error']")).isDisplayed());
        return this;
    }

    /** The error message shown, or empty when none is shown. */
    String error() {
        WebElement error = driver.findElement(By.cssSelector("[data-testid='login-error']"));
        return error.isDisplayed() ? error.getText() : "";
    }

    boolean isShown() {
        return !driver.findElements(By.cssSelector("[data-testid='login-form']")).isEmpty();
    }

    private void submit(String user, String password) {
        driver.findElement(By.cssSelector("[data-testid='login-user']")).sendKeys(user);
        driver.findElement(By.cssSelector("[data-testid='login-password']")).sendKeys(password);
        driver.findElement(By.cssSelector("[data-testid='login-submit']")).click();
    }

    private SignInPage waitUntilShown() {
        new WebDriverWait(driver, WAIT, TaskListPage.POLL).withMessage("waiting for the login page")
                .until(d -> isShown() && d.findElement(By.cssSelector("[data-testid='login-user']")).isDisplayed());
        return this;
    }
}
