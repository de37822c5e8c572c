package dev.drydock.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** k8s/: each overlay renders, every manifest validates against its schema, and the manifests match the code. */
class K8sManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Set<String> ROLES = Set.of("api", "watch", "worker", "registry-front");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyManifestOfEachKustomizationValidatesAgainstItsSchema(String dir) {
        List<ObjectNode> manifests = Kustomize.build(K8S.resolve(dir));

        assertThat(manifests).hasSizeGreaterThan(20);
        assertThat(manifests.stream().flatMap(m -> ManifestSchemas.problems(m).stream())).isEmpty();
    }

    @Test
    void aTypoedFieldIsRefused() {
        ObjectNode deployment = find(Kustomize.build(K8S.resolve("base")), "Deployment", "drydock-api");
        ((ObjectNode) deployment.get("spec")).put("replica", 2);

        assertThat(ManifestSchemas.problems(deployment)).singleElement().asString()
                .contains("Deployment/drydock-api", "replica");
    }

    @Test
    void aFieldOfTheWrongTypeIsRefused() {
        ObjectNode deployment = find(Kustomize.build(K8S.resolve("base")), "Deployment", "drydock-worker");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "eighty");

        assertThat(String.join("\n", ManifestSchemas.problems(deployment))).contains("containerPort", "integer");
    }

    @Test
    void aTypoInACustomResourceIsRefused() {
        List<ObjectNode> manifests = Kustomize.build(K8S.resolve("base"));
        ObjectNode topic = find(manifests, "KafkaTopic", "rebuild-requests");
        ((ObjectNode) topic.get("spec")).set("partitons", topic.at("/spec/partitions"));
        ObjectNode cluster = find(manifests, "Cluster", "drydock-db");
        ((ObjectNode) cluster.get("spec")).put("instances", "three");
        ObjectNode scaler = find(manifests, "ScaledObject", "drydock-worker");
        ((ObjectNode) scaler.get("metadata")).putObject("lables").put("a", "b");

        assertThat(ManifestSchemas.problems(topic)).singleElement().asString().contains("partitons");
        assertThat(String.join("\n", ManifestSchemas.problems(cluster))).contains("instances", "integer");
        assertThat(ManifestSchemas.problems(scaler)).singleElement().asString().contains("lables");
    }

    @Test
    void aKindWithoutASchemaIsRefused() {
        ObjectNode unknown = Kustomize.YAML.createObjectNode().put("apiVersion", "example.com/v1").put("kind", "Thing");

        assertThat(ManifestSchemas.problems(unknown)).singleElement().asString().contains("no schema");
    }

    @Test
    void eachRoleHasItsDeploymentWithHealthProbes() {
        List<ObjectNode> deployments = kind(Kustomize.build(K8S.resolve("base")), "Deployment").stream()
                .filter(d -> d.at("/metadata/labels/app.kubernetes.io~1name").asText().equals("drydock")).toList();

        Set<String> roles = new TreeSet<>();
        for (ObjectNode deployment : deployments) {
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            roles.add(env(container).get("DRYDOCK_ROLES"));
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
        }
        assertThat(roles).isEqualTo(new TreeSet<>(ROLES));
    }

    @Test
    void onlyTheWorkerRunsAsRootAndOnlyWithTheCapabilitiesBuildahNeeds() {
        for (ObjectNode deployment : kind(Kustomize.build(K8S.resolve("base")), "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode security = pod.at("/containers/0/securityContext");
            assertThat(security.at("/privileged").asBoolean()).isFalse();
            assertThat(security.at("/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(security.at("/capabilities/drop/0").asText()).isEqualTo("ALL");
            if (deployment.at("/metadata/name").asText().equals("drydock-worker")) {
                assertThat(pod.at("/hostUsers").asBoolean(true)).isFalse();
                assertThat(security.at("/capabilities/add")).extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder("SETUID", "SETGID", "SETFCAP");
            } else {
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
                assertThat(security.at("/capabilities/add").isMissingNode()).isTrue();
            }
        }
    }

    @Test
    void theTopicsAreTheOnesTheCodeUses() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        Set<String> used = properties.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%") && (key.endsWith(".topic") || key.endsWith("queue.topic")))
                .map(properties::getProperty).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = kind(Kustomize.build(K8S.resolve("base")), "KafkaTopic").stream()
                .map(t -> t.at("/spec/topicName").asText()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(declared).isEqualTo(used);
    }

    @Test
    void theScalerStaysWithinTheBulkLanesPartitions() {
        List<ObjectNode> manifests = Kustomize.build(K8S.resolve("overlays/prod"));
        int partitions = find(manifests, "KafkaTopic", "rebuild-requests").at("/spec/partitions").asInt();
        ObjectNode scaler = find(manifests, "ScaledObject", "drydock-worker");

        assertThat(scaler.at("/spec/maxReplicaCount").asInt()).isLessThanOrEqualTo(partitions);
        assertThat(scaler.at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("drydock-workers");
    }

    @Test
    void devRunsOneOfEachAndProdHasDisruptionBudgetsForEveryRole() {
        List<ObjectNode> dev = Kustomize.build(K8S.resolve("overlays/dev"));
        List<ObjectNode> prod = Kustomize.build(K8S.resolve("overlays/prod"));

        assertThat(kind(dev, "Deployment")).allSatisfy(d -> assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(kind(dev, "KafkaTopic")).allSatisfy(t -> assertThat(t.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(kind(dev, "PodDisruptionBudget")).isEmpty();
        assertThat(kind(prod, "PodDisruptionBudget")).extracting(p -> p.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("drydock-api", "drydock-front", "drydock-watch", "drydock-worker");
        assertThat(find(prod, "Deployment", "drydock-api").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(find(prod, "Deployment", "drydock-worker")
                .at("/spec/template/spec/containers/0/resources/requests/cpu").asText()).isEqualTo("2");
        assertThat(prod).allSatisfy(m -> assertThat(m.at("/metadata/namespace").asText()).isEqualTo("drydock"));
    }

    @Test
    void noSecretIsInGit() {
        assertThat(kind(Kustomize.build(K8S.resolve("overlays/prod")), "Secret")).isEmpty();
    }

    @Test
    void aPatchThatMatchesNothingFailsTheRender(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [%s]
                patches: [{path: patch.yaml}]
                """.formatted(K8S.resolve("base").toAbsolutePath()));
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: drydock-apj}
                spec: {replicas: 1}
                """);

        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("patch matches no resource");
    }

    private static List<ObjectNode> kind(List<ObjectNode> manifests, String kind) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)).toList();
    }

    private static ObjectNode find(List<ObjectNode> manifests, String kind, String name) {
        return kind(manifests, kind).stream().filter(m -> m.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    private static Map<String, String> env(JsonNode container) {
        return java.util.stream.StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.has("value"))
                .collect(Collectors.toMap(e -> e.get("name").asText(), e -> e.get("value").asText(), (a, b) -> a));
    }
}
