package dev.drydock.rebuild.worker;

import static dev.drydock.rebuild.worker.RebuildTest.awaitFinished;
import static dev.drydock.rebuild.worker.RebuildTest.baseId;
import static dev.drydock.rebuild.worker.RebuildTest.log;
import static dev.drydock.rebuild.worker.RebuildTest.runs;
import static dev.drydock.rebuild.worker.RebuildTest.strings;
import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.rebuild.engine.BuildahBuilder;
import dev.drydock.testing.BusyboxImage;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dockerfiles Jib cannot build, rebuilt with buildah on the real stack after their base changes, on a busybox base
 * (Debian's busybox-static) so RUN has a shell. skopeo judges what was pushed.
 */
@QuarkusTest
class BuildahRebuildTest {

    @Inject
    BuildahBuilder buildah;

    @Test
    void shouldRebuildARunInTheFinalStageOnTheNewBasePinnedWithBaseAnnotationsAndLabels() {
        String base = busybox("run");
        String task = unique("run-app");
        create(task(task, "FROM " + base + "\nRUN echo built > /built.txt\nCMD [\"cat\", \"/built.txt\"]\n", Map.of()))
                .statusCode(201);
        baseId(base); // the digest before the push is known
        String newBase = BusyboxImage.push(base).digest();
        given().post("/api/v1/bases/" + baseId(base) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = succeeded(task);
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(newBase);
        assertThat(log(run)).contains("engine: buildah (line 2: RUN needs a container engine")
                .contains("buildah: STEP 2/7: RUN echo built > /built.txt").contains("pinned to " + newBase);
        String image = privateImage(task);
        JsonNode manifest = Skopeo.raw(image);
        assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.get("annotations").get("org.opencontainers.image.base.digest").asText()).isEqualTo(newBase);
        assertThat(manifest.get("annotations").get("org.opencontainers.image.base.name").asText()).isEqualTo(base);
        JsonNode labels = Skopeo.config(image).get("config").get("Labels");
        assertThat(labels.get("org.opencontainers.image.base.digest").asText()).isEqualTo(newBase);
        assertThat(labels.get("org.opencontainers.image.base.name").asText()).isEqualTo(base);
        assertThat(labels.get("org.opencontainers.image.source").asText()).isEqualTo("drydock:task/" + task);
        assertThat(Skopeo.inspect(image).get("Digest").asText()).isEqualTo(run.get("outputDigest").asText());
        List<String> baseLayers = diffIds(base.replace(":1", "@" + newBase));
        List<String> layers = diffIds(image);
        assertThat(layers).as("buildah compresses the base layers again: their diff ids stay").hasSize(baseLayers.size() + 1);
        assertThat(layers.subList(0, baseLayers.size())).isEqualTo(baseLayers);
    }

    @Test
    void shouldRebuildAMultiStageFileWhenItsBuildStageBaseChangesWithEveryStagePinned() {
        String builder = busybox("builder");
        String runtime = busybox("runtime");
        String tools = busybox("tools");
        String task = unique("multi");
        Map<String, Object> spec = new HashMap<>(task(task, """
                FROM %s AS build
                RUN <<EOF
                mkdir -p /out
                echo "made in the build stage" > /out/made.txt
                EOF
                FROM %s
                COPY --from=build /out/made.txt /made.txt
                COPY --from=%s /bin/busybox /opt/busybox
                RUN grep -q "made in the build stage" /made.txt && test -x /opt/busybox
                """.formatted(builder, runtime, tools), Map.of()));
        spec.put("triggers", Map.of("baseImage", Map.of("scope", "all")));
        create(spec).statusCode(201);
        String runtimeDigest = Skopeo.digest(runtime);
        String toolsDigest = Skopeo.digest(tools);
        baseId(runtime);
        baseId(builder); // the digest before the push is known
        String newBuilder = BusyboxImage.push(builder).digest();
        given().post("/api/v1/bases/" + baseId(builder) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = succeeded(task);
        assertThat(run.get("trigger").asText()).isEqualTo("ImageUpdate");
        assertThat(run.get("pinned").get(builder).asText()).isEqualTo(newBuilder);
        assertThat(run.get("pinned").get(runtime).asText()).isEqualTo(runtimeDigest);
        assertThat(log(run)).contains("base " + builder + " pinned to " + newBuilder + " (stage 0, build)")
                .contains("base " + runtime + " pinned to " + runtimeDigest + " (stage 1, runtime)")
                .contains("FROM " + name(builder) + "@" + newBuilder + " AS build")
                .contains("FROM " + name(runtime) + "@" + runtimeDigest)
                .contains("COPY --from=" + name(tools) + "@" + toolsDigest + " /bin/busybox /opt/busybox");
        assertThat(run.get("pinned").get(tools).asText()).isEqualTo(toolsDigest);
        JsonNode manifest = Skopeo.raw(privateImage(task));
        assertThat(manifest.get("annotations").get("org.opencontainers.image.base.digest").asText()).isEqualTo(runtimeDigest);
        List<String> runtimeLayers = diffIds(runtime.replace(":1", "@" + runtimeDigest));
        assertThat(diffIds(privateImage(task))).hasSize(runtimeLayers.size() + 1).startsWith(runtimeLayers.toArray(String[]::new));
    }

    @Test
    void shouldKeepABuildSecretOutOfTheImageItsHistoryLabelsAndTheLog() throws Exception {
        String base = busybox("secret");
        String secret = "s3cr3t-" + UUID.randomUUID();
        String credential = unique("npm-token");
        given().contentType(ContentType.JSON).body(Map.of("name", credential, "registry", "npm.example.com",
                "username", "ci", "password", secret)).post("/api/v1/credentials").then().statusCode(201);
        String task = unique("secret-app");
        Map<String, Object> spec = new HashMap<>(task(task, """
                FROM %s
                RUN --mount=type=secret,id=token cat /run/secrets/token | wc -c > /length && test -s /length
                LABEL purpose=secret-test
                """.formatted(base), Map.of()));
        spec.put("secrets", Map.of("token", credential));
        create(spec).statusCode(201);
        baseId(base); // the digest before the push is known
        BusyboxImage.push(base);
        given().post("/api/v1/bases/" + baseId(base) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = succeeded(task);
        String image = privateImage(task);
        assertThat(log(run)).doesNotContain(secret);
        assertThat(Skopeo.raw(image).toString()).doesNotContain(secret);
        assertThat(Skopeo.config(image).toString()).doesNotContain(secret);
        assertThat(Skopeo.config(image).get("config").get("Labels").toString()).doesNotContain(secret);
        assertThat(Skopeo.contents(image)).doesNotContain(secret).contains(String.valueOf(secret.length()));
        assertThat(buildah.buildDirectories()).as("secret files are gone with the build directory").isEmpty();
    }

    @Test
    void shouldKeepAHealthcheckInTheDockerFormat() {
        String base = busybox("health");
        String task = unique("health-app");
        create(task(task, "FROM " + base + "\nRUN echo ok > /ok\nHEALTHCHECK --interval=30s CMD cat /ok\n", Map.of()))
                .statusCode(201);
        baseId(base); // the digest before the push is known
        String newBase = BusyboxImage.push(base).digest();
        given().post("/api/v1/bases/" + baseId(base) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = succeeded(task);
        String image = privateImage(task);
        assertThat(Skopeo.raw(image).get("mediaType").asText())
                .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        JsonNode config = Skopeo.rawConfig(image).get("config");
        assertThat(strings(config.get("Healthcheck").get("Test"))).containsExactly("CMD-SHELL", "cat /ok");
        assertThat(config.get("Labels").get("org.opencontainers.image.base.digest").asText()).isEqualTo(newBase);
        assertThat(config.get("Labels").get("org.opencontainers.image.base.name").asText()).isEqualTo(base);
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(newBase);
    }

    @Test
    void shouldKillTheWholeBuildWhenCanceledAndLeaveNothingBehind() {
        String base = busybox("cancel");
        String task = unique("cancel-buildah");
        String marker = "drydock-cancel-" + UUID.randomUUID().toString().substring(0, 8);
        create(task(task, "FROM " + base + "\nRUN sleep 300; echo " + marker + "\n", Map.of())).statusCode(201);
        given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !runs(task).isEmpty()
                && log(runs(task).get(0)).contains(": RUN sleep 300; echo " + marker));
        await().atMost(Duration.ofSeconds(10)).until(() -> processesMentioning(marker) > 0 && buildahProcesses() > 0);
        long id = runs(task).get(0).get("id").asLong();

        given().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);

        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Canceled");
        // The run may be recorded Canceled a moment before the worker has reaped the tree.
        await("buildah and the RUN it started are gone").atMost(Duration.ofSeconds(15))
                .until(() -> processesMentioning(marker) == 0 && buildahProcesses() == 0);
        await("the build's storage is removed").atMost(Duration.ofSeconds(15))
                .until(() -> buildah.buildDirectories().isEmpty());
    }

    @Test
    void shouldRefuseToForceJibOnAFileWithRun() {
        Map<String, Object> spec = new HashMap<>(task(unique("forced"), "FROM busybox\nRUN true\n", Map.of()));
        spec.put("engine", "jib");
        create(spec).statusCode(400).body("field", equalTo("engine"))
                .body("detail", org.hamcrest.Matchers.containsString("jib cannot build it: line 2: RUN"));
    }

    static String busybox(String name) {
        String reference = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("busybox-" + name) + ":1";
        BusyboxImage.push(reference);
        return reference;
    }

    static String name(String reference) {
        return reference.substring(0, reference.lastIndexOf(':'));
    }

    static Map<String, Object> task(String name, String dockerfile, Map<String, String> files) {
        Map<String, String> all = new HashMap<>(files);
        all.put("Dockerfile", dockerfile);
        return Map.of("name", name, "source", Map.of("inline", Map.of("files", all)),
                "images", List.of(privateImage(name)));
    }

    static JsonNode succeeded(String task) {
        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
        return run;
    }

    static List<String> diffIds(String image) {
        return strings(Skopeo.config(image).get("rootfs").get("diff_ids"));
    }

    private static long buildahProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().filter(c -> c.endsWith("/buildah")).isPresent())
                .count();
    }

    private static long processesMentioning(String text) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(text))
                .filter(p -> !p.info().commandLine().orElse("").contains("java"))
                .count();
    }
}
