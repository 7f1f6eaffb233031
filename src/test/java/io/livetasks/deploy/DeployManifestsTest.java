package io.livetasks.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests under {@code deploy/}, checked offline in {@code mvn verify}: every built-in resource is bound
 * to its Kubernetes API type (fabric8's model of the official schema) with no field the type does not know
 * and no value of the wrong type, carries the fields the API server requires, and fits the application (probe
 * paths, Secret names, selectors). The custom resources (ServiceMonitor, OpenLibertyApplication), whose schemas
 * come with their operators, are parsed and checked for their required fields.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    private static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    @Test
    void shouldBindEveryBuiltInResourceToItsApiTypeWithNoUnknownField() throws IOException {
        List<JsonNode> documents = documents();
        assertThat(documents).hasSizeGreaterThanOrEqualTo(6);

        for (JsonNode document : documents) {
            String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            if (key.startsWith("monitoring.coreos.com/") || key.startsWith("apps.openliberty.io/")) {
                continue;
            }
            assertThat(BUILT_IN).as("a known built-in kind").containsKey(key);
            HasMetadata resource = YAML.treeToValue(document, BUILT_IN.get(key));
            assertThat(unknownFields(resource, key)).as("fields the API type does not have").isEmpty();
            assertThat(resource.getMetadata().getName()).as(key + " metadata.name").isNotBlank();
        }
    }

    @Test
    void shouldProbeLivenessAndReadinessAndTakeSecretsFromSecrets() throws IOException {
        Deployment deployment = one(Deployment.class, "apps/v1", "Deployment");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getName()).isNotBlank();
        assertThat(container.getImage()).isNotBlank();
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(String.join(" ", container.getLifecycle().getPreStop().getExec().getCommand()))
                .as("the preStop hook drains the pod").contains("/dev/tcp/127.0.0.1/9080", "POST /internal/drain HTTP/1.1");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        for (String secret : List.of("DB_URL", "DB_USER", "DB_PASSWORD", "LIVETASKS_TOKEN_SECRET")) {
            EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(secret)).findFirst().orElseThrow();
            assertThat(env.getValue()).as(secret + " has no literal value").isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(secret).startsWith("livetasks-");
        }
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void shouldSelectTheDeploymentsPodsFromServiceBudgetAndMonitor() throws IOException {
        Map<String, String> podLabels = one(Deployment.class, "apps/v1", "Deployment").getSpec().getTemplate()
                .getMetadata().getLabels();
        Service service = one(Service.class, "v1", "Service");
        PodDisruptionBudget budget = one(PodDisruptionBudget.class, "policy/v1", "PodDisruptionBudget");

        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).isNotEmpty();
        assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable()).isNotNull();

        JsonNode monitor = custom("monitoring.coreos.com/v1", "ServiceMonitor");
        assertThat(monitor.at("/metadata/name").asText()).isNotBlank();
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(
                YAML.convertValue(monitor.at("/spec/selector/matchLabels"), Map.class));
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertThat(service.getSpec().getPorts()).extracting(port -> port.getName()).contains(endpoint.path("port").asText());
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        assertThat(endpoint.path("scheme").asText()).as("/metrics is served over https only").isEqualTo("https");
        assertThat(endpoint.at("/authorization/credentials/name").asText()).as("and to administrators only").isNotBlank();
    }

    @Test
    void shouldGiveTheOperatorAnImageProbesSecretsAndMonitoring() throws IOException {
        JsonNode app = custom("apps.openliberty.io/v1", "OpenLibertyApplication");

        assertThat(app.at("/metadata/name").asText()).isNotBlank();
        assertThat(app.at("/spec/applicationImage").asText()).as("the CRD's one required field").isNotBlank();
        assertThat(app.at("/spec/probes/liveness/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(app.at("/spec/probes/readiness/httpGet/path").asText()).isEqualTo("/health/ready");
        // The probes and env are core/v1 types inside the CRD: bind them as such.
        for (String probe : List.of("startup", "liveness", "readiness")) {
            Object bound = YAML.treeToValue(app.at("/spec/probes/" + probe), io.fabric8.kubernetes.api.model.Probe.class);
            assertThat(unknownFields(bound, "probe " + probe)).isEmpty();
        }
        for (JsonNode env : app.at("/spec/env")) {
            EnvVar bound = YAML.treeToValue(env, EnvVar.class);
            assertThat(unknownFields(bound, "env " + bound.getName())).isEmpty();
            if (bound.getName().startsWith("DB_") && !"DB_KIND".equals(bound.getName())
                    || "LIVETASKS_TOKEN_SECRET".equals(bound.getName())) {
                assertThat(bound.getValueFrom().getSecretKeyRef().getName()).startsWith("livetasks-");
            }
        }
        assertThat(app.at("/spec/monitoring/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(app.at("/spec/resources/requests").isObject()).isTrue();
    }

    private static <T extends HasMetadata> T one(Class<T> type, String apiVersion, String kind) throws IOException {
        return YAML.treeToValue(custom(apiVersion, kind), type);
    }

    private static JsonNode custom(String apiVersion, String kind) throws IOException {
        List<JsonNode> matches = documents().stream()
                .filter(d -> apiVersion.equals(d.path("apiVersion").asText()) && kind.equals(d.path("kind").asText()))
                .toList();
        assertThat(matches).as(apiVersion + " " + kind + " under deploy/").hasSize(1);
        return matches.get(0);
    }

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> yaml = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (yaml.hasNext()) {
                        JsonNode document = yaml.next();
                        if (document != null && !document.isNull() && !document.isEmpty()) {
                            documents.add(document);
                        }
                    }
                }
            }
        }
        return documents;
    }

    /** Every field that landed in a model object's additionalProperties: the API type has no such field. */
    private static List<String> unknownFields(Object model, String where) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(model, where, unknown);
        return unknown;
    }

    private static void collectUnknown(Object value, String where, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, where + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, where + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if ("additionalProperties".equals(field.getName()) && fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add(where + "." + k));
                } else {
                    collectUnknown(fieldValue, where + "." + field.getName(), unknown);
                }
            }
        }
    }
}
