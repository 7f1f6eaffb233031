package io.livetasks.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Deployments;
import io.livetasks.it.User;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser's sign-in as the server sees it: the login form's single sign-on cookie, {@code POST /api/logout}
 * expiring it for good, and 401s a page's own scripts can act on (no Basic challenge, which would make the
 * browser show its own password dialog). Cookies are handled by hand, so every one sent is deliberate.
 */
@ExtendWith(ArquillianExtension.class)
class SignOutIT {

    private static final String SSO_COOKIE = "LtpaToken2";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @Test
    void shouldExpireTheSignOnCookieOnSignOut() throws Exception {
        String cookie = signIn(User.ALICE);

        HttpResponse<String> signOut = send(post("api/logout").header("Cookie", cookie).header("X-Requested-With", "livetasks"));

        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(signOut.headers().allValues("Set-Cookie"))
                .anySatisfy(set -> assertThat(set).startsWith(SSO_COOKIE + "=").containsIgnoringCase("Max-Age=0"));
    }

    @Test
    void shouldRefuseTheSignOnCookieOnceSignedOut() throws Exception {
        String cookie = signIn(User.ALICE);
        assertThat(send(get("api/me").header("Cookie", cookie)).body()).contains("\"alice\"");

        send(post("api/logout").header("Cookie", cookie).header("X-Requested-With", "livetasks"));

        // A copy of the cookie kept from before (server.xml: trackLoggedOutSSOCookies) no longer signs in.
        assertThat(send(get("api/me").header("Cookie", cookie)).statusCode()).isEqualTo(401);
        HttpResponse<String> page = send(get("").header("Cookie", cookie));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login.html"));
    }

    @Test
    void shouldRefuseASignOutForgedByAnotherSite() throws Exception {
        String cookie = signIn(User.ALICE);

        HttpResponse<String> forged = send(post("api/logout").header("Cookie", cookie));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(send(get("api/me").header("Cookie", cookie)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAPagesOwnRequestWithoutTheBasicChallenge() throws Exception {
        HttpResponse<String> fromPage = send(get("api/me").header("X-Requested-With", "livetasks"));
        HttpResponse<String> fromScript = send(get("api/me"));

        assertThat(fromPage.statusCode()).isEqualTo(401);
        assertThat(fromPage.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(fromScript.statusCode()).isEqualTo(401);
        assertThat(fromScript.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic "));
    }

    /** Signs in with the login form, as a browser does, and returns the {@code Cookie} header value it gets. */
    private String signIn(User user) throws Exception {
        HttpResponse<String> response = send(user.loginForm(uri("")));
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(set -> set.startsWith(SSO_COOKIE + "=")).map(set -> set.substring(0, set.indexOf(';'))).toList();
        assertThat(cookies).as("single sign-on cookie after signing in as %s", user.name()).hasSize(1);
        return cookies.get(0);
    }

    private HttpRequest.Builder get(String path) throws Exception {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path) throws Exception {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private URI uri(String path) throws Exception {
        String root = base.toExternalForm();
        return new URI(root.endsWith("/") ? root : root + "/").resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
