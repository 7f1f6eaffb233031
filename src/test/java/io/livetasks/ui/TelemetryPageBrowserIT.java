package io.livetasks.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Deployments;
import io.livetasks.it.PublishBackend;
import io.livetasks.it.User;
import io.livetasks.testing.RequiredTools;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The publish API's example page in a real browser: signed in, /telemetry.html listens on the hub
 * {@code telemetry}, and a reading a backend sends through the API appears in its table.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryPageBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
    void shouldShowAReadingSentThroughThePublishApi() throws Exception {
        String url = base.toExternalForm();
        URI root = URI.create(url.endsWith("/") ? url : url + "/");
        try (Chromium browser = Chromium.open()) {
            WebDriver driver = browser.driver();
            SignInPage.signInWithoutThePage(browser, root, User.ALICE);
            driver.get(root.resolve("telemetry.html").toString());
            new WebDriverWait(driver, WAIT, TaskListPage.POLL).withMessage("waiting for the telemetry page to go live")
                    .until(d -> "live".equals(d.findElement(By.id("status")).getText()));

            int status = new PublishBackend(root).send("telemetry/users/alice/:send", "reading",
                    "[{\"sensor\":\"greenhouse\",\"celsius\":23.5,\"at\":\"12:00:00\"}]").statusCode();

            assertThat(status).isEqualTo(202);
            new WebDriverWait(driver, WAIT, TaskListPage.POLL).withMessage("waiting for the reading to show")
                    .until(d -> d.findElement(By.id("readings")).getText().contains("greenhouse"));
            assertThat(driver.findElement(By.id("readings")).getText()).contains("greenhouse", "23.5", "12:00:00");
        }
    }
}
