package io.livetasks.ui;

import io.livetasks.it.User;
import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The login page (login.html), where the server sends a browser that is not signed in. */
final class SignInPage {

    private static final Duration WAIT = Duration.ofSeconds(15);

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
