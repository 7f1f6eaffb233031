package io.livetasks.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads a test server's {@code /metrics} as an operator does: over https (the server's self-signed
 * certificate, trusted blindly: test servers on loopback only) with the demo administrator's credentials.
 */
public final class AdminMetrics {

    /** An answer of {@code /metrics}; status -1 when the server did not answer. */
    public record Reply(int status, String body) {

        /** The value of gauge or counter {@code name} (Prometheus text format), or -1 when absent. */
        public double value(String name) {
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.E+-]+)").matcher(body);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
        }
    }

    private static final SSLSocketFactory TRUST_ALL = trustAll();

    private AdminMetrics() {
    }

    /** The integration-test server's https address ({@code it.https.port}, set by the build). */
    public static URI itServer() {
        return URI.create("https://127.0.0.1:" + Integer.getInteger("it.https.port", 9444) + "/");
    }

    /** {@code GET /metrics?scope=<scope>} as {@code user} ({@code null}: anonymous); never follows redirects. */
    public static Reply get(URI httpsBase, String scope, User user) {
        try {
            HttpURLConnection connection = (HttpURLConnection) httpsBase.resolve("/metrics?scope=" + scope).toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_ALL);
                https.setHostnameVerifier((host, session) -> true);
            }
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(20_000);
            if (user != null) {
                connection.setRequestProperty("Authorization", user.basic());
            }
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            connection.disconnect();
            return new Reply(status, text);
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        }
    }

    /** As {@link #get(URI, String, User)} with the demo administrator. */
    public static Reply get(URI httpsBase, String scope) {
        return get(httpsBase, scope, User.ADMIN);
    }

    private static SSLSocketFactory trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
