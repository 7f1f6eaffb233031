package io.livetasks.task.api;

import static io.livetasks.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import io.livetasks.it.User;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes made with a signed-in browser's cookie, as a forged cross-site request would be: the client signs
 * in through the login form ({@code j_security_check}) and then holds only the single sign-on cookie
 * ({@code LtpaToken2}), no Authorization header. Such a write needs {@code X-Requested-With} and, when it
 * names its origin, this server's own; otherwise 403 and nothing is stored.
 */
@ExtendWith(ArquillianExtension.class)
class CrossSiteRequestsIT {

    private static final String FOREIGN_ORIGIN = "http://evil.example";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Api alice;
    private SignedInBrowser browser;
    private long listId;

    @BeforeEach
    void signIn() throws Exception {
        alice = new Api(base);
        browser = SignedInBrowser.signIn(alice.base(), User.ALICE);
        listId = alice.createList("csrf").getJsonNumber("id").longValue();
    }

    @Test
    void shouldSignInWithTheLoginFormAndReadWithTheCookieAlone() throws Exception {
        assertThat(browser.cookie("LtpaToken2")).as("single sign-on cookie").isNotNull()
                .satisfies(cookie -> assertThat(cookie.isHttpOnly()).isTrue());

        HttpResponse<String> me = browser.send("GET", "api/me", null, null, null);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(Api.object(me.body()).getString("user")).isEqualTo("alice");
    }

    @Test
    void shouldRefuseACookieWriteWithoutTheHeaderWith403AndStoreNothing() throws Exception {
        long taskId = alice.addTask(listId, "kept").getJsonNumber("id").longValue();

        assertProblem(browser.send("POST", tasks(), "{\"title\":\"forged\"}", null, null), 403);
        assertProblem(browser.send("PATCH", "api/tasks/" + taskId, "{\"title\":\"forged\"}", null, null), 403);
        assertProblem(browser.send("DELETE", "api/tasks/" + taskId, null, null, null), 403);
        assertProblem(browser.send("POST", "api/lists", "{\"name\":\"forged list\"}", null, null), 403);

        assertThat(titles()).containsExactly("kept");
        assertThat(Api.array(alice.get("api/lists").body()).getValuesAs(JsonObject.class))
                .extracting(l -> l.getString("name")).doesNotContain("forged list");
    }

    @Test
    void shouldAcceptACookieWriteWithTheHeader() throws Exception {
        HttpResponse<String> response = browser.send("POST", tasks(), "{\"title\":\"from the page\"}", "XMLHttpRequest", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(titles()).containsExactly("from the page");
    }

    @Test
    void shouldAcceptACookieWriteFromTheServersOwnOrigin() throws Exception {
        URI self = alice.base();
        String origin = self.getScheme() + "://" + self.getHost() + ":" + self.getPort();

        HttpResponse<String> response = browser.send("POST", tasks(), "{\"title\":\"same origin\"}", "fetch", origin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(titles()).containsExactly("same origin");
    }

    @Test
    void shouldRefuseACookieWriteFromAForeignOriginWith403AndStoreNothing() throws Exception {
        assertProblem(browser.send("POST", tasks(), "{\"title\":\"cross-site\"}", "XMLHttpRequest", FOREIGN_ORIGIN), 403);

        assertThat(titles()).isEmpty();
    }

    private String tasks() {
        return "api/lists/" + listId + "/tasks";
    }

    /** The list's task titles, read with Basic credentials (independent of the browser's session). */
    private List<String> titles() {
        return alice.snapshot(listId).getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("title")).toList();
    }

    /** A java.net.http client that keeps cookies as a browser does, signed in with the login form. */
    private record SignedInBrowser(URI base, HttpClient http, CookieManager cookies) {

        static SignedInBrowser signIn(URI base, User user) throws IOException, InterruptedException {
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            SignedInBrowser browser = new SignedInBrowser(base, http, cookies);
            // As a browser does: the protected page sends it to the login form, which posts to j_security_check.
            HttpResponse<String> page = browser.send("GET", "", null, null, null);
            assertThat(page.statusCode()).as("the app page asks to sign in first").isIn(302, 303);
            HttpResponse<String> login = http.send(user.loginForm(base).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("login answers with a redirect: %s", login.body()).isIn(302, 303);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).doesNotContain("login-failed"));
            assertThat(browser.cookie("LtpaToken2")).as("signed in").isNotNull();
            return browser;
        }

        HttpCookie cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
        }

        /** A request with the cookies only; {@code requestedWith} and {@code origin} are sent when not null. */
        HttpResponse<String> send(String method, String path, String json, String requestedWith, String origin)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                    .header("Accept", "application/json, application/problem+json");
            if (requestedWith != null) {
                request.header("X-Requested-With", requestedWith);
            }
            if (origin != null) {
                request.header("Origin", origin);
            }
            if (json != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
