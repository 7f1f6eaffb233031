package io.livetasks.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.Deployments;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document Liberty serves at {@code /openapi} on the real server: every JAX-RS resource method of
 * the application (found by reflection over its compiled classes) is in it with its HTTP method and path, the
 * security schemes and the problem-details schema are there, and the UI at {@code /openapi/ui} loads.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private JsonObject document;

    @BeforeEach
    void fetchDocument() {
        HttpResponse<String> response = get("/openapi", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        document = Api.object(response.body());
    }

    @Test
    void shouldListEveryResourceMethodWithItsHttpMethodAndPath() {
        List<String> endpoints = resourceMethods();
        assertThat(endpoints).as("resource methods found by reflection").hasSizeGreaterThan(10);

        JsonObject paths = document.getJsonObject("paths");
        List<String> documented = new ArrayList<>();
        paths.forEach((path, item) -> item.asJsonObject().keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertThat(documented).containsAll(endpoints);
    }

    @Test
    void shouldDescribeRequestBodiesAndProblemAnswers() {
        JsonObject addTask = document.getJsonObject("paths").getJsonObject("/api/lists/{listId}/tasks")
                .getJsonObject("post");

        assertThat(addTask.getJsonObject("requestBody").getJsonObject("content")).containsKey("application/json");
        assertThat(addTask.getJsonObject("responses")).containsKey("201");
        assertThat(addTask.getJsonObject("responses").getJsonObject("400").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"))
                .isEqualTo("#/components/schemas/Problem");
        assertThat(document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem")
                .getJsonObject("properties").keySet()).contains("type", "title", "status", "detail", "errors");
    }

    @Test
    void shouldDescribeTheWriteSafetyHeadersAndAnswers() {
        JsonObject paths = document.getJsonObject("paths");
        JsonObject patch = paths.getJsonObject("/api/tasks/{taskId}").getJsonObject("patch");
        JsonObject add = paths.getJsonObject("/api/lists/{listId}/tasks").getJsonObject("post");

        assertThat(headerParameters(patch)).contains("If-Match", "Idempotency-Key");
        assertThat(headerParameters(add)).contains("Idempotency-Key");
        assertThat(patch.getJsonObject("responses").keySet()).contains("200", "409", "412", "422");
        assertThat(patch.getJsonObject("responses").getJsonObject("200").getJsonObject("headers").keySet())
                .contains("ETag", "X-Change-Version");
        assertThat(add.getJsonObject("responses").getJsonObject("201").getJsonObject("headers").keySet())
                .contains("ETag", "X-Change-Version", "Location");
        assertThat(paths.getJsonObject("/api/tasks/{taskId}").getJsonObject("delete").getJsonObject("responses").keySet())
                .contains("204", "409", "412", "422");
    }

    private static List<String> headerParameters(JsonObject operation) {
        return operation.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .filter(parameter -> "header".equals(parameter.getString("in")))
                .map(parameter -> parameter.getString("name")).toList();
    }

    @Test
    void shouldNameBasicAndBearerSecuritySchemes() {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");

        assertThat(schemes.getJsonObject("basicAuth").getString("scheme")).isEqualTo("basic");
        assertThat(schemes.getJsonObject("bearerAuth").getString("scheme")).isEqualTo("bearer");
        assertThat(document.getJsonArray("security")).hasSize(2);
    }

    @Test
    void shouldServeTheUiWithoutSignIn() {
        HttpResponse<String> ui = get("/openapi/ui/", "text/html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("<html");
    }

    /** "POST /api/lists/{listId}/tasks", … for every resource method in the application's classes. */
    private static List<String> resourceMethods() {
        String applicationPath = "/" + RestApplication.class.getAnnotation(ApplicationPath.class).value();
        List<String> endpoints = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = join(applicationPath, classPath.value(), methodPath == null ? "" : methodPath.value());
                // Liberty writes the context root into the document's servers, not into its paths.
                endpoints.add(httpMethod + " " + path);
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            String trimmed = part.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.toString();
    }

    /** Every class compiled from src/main/java (the folder RestApplication was loaded from). */
    private static List<Class<?>> applicationClasses() {
        try {
            java.nio.file.Path root = Paths.get(RestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                List<Class<?>> classes = new ArrayList<>();
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                            .replaceAll("\\.class$", "");
                    if (!name.endsWith("package-info") && !name.contains("$")) {
                        classes.add(Class.forName(name, false, OpenApiIT.class.getClassLoader()));
                    }
                }
                return classes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String accept) {
        try {
            URI uri = base.toURI().resolve(path);
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
