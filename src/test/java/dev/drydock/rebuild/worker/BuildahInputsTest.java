package dev.drydock.rebuild.worker;

import static dev.drydock.rebuild.worker.BuildahRebuildTest.busybox;
import static dev.drydock.rebuild.worker.BuildahRebuildTest.name;
import static dev.drydock.rebuild.worker.BuildahRebuildTest.succeeded;
import static dev.drydock.rebuild.worker.BuildahRebuildTest.task;
import static dev.drydock.rebuild.worker.RebuildTest.awaitFinished;
import static dev.drydock.rebuild.worker.RebuildTest.baseId;
import static dev.drydock.rebuild.worker.RebuildTest.log;
import static dev.drydock.rebuild.worker.RebuildTest.runs;
import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.graph.buildfile.BuildahDockerfile;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.rebuild.engine.BuildLog;
import dev.drydock.rebuild.engine.BuildahBuilder;
import dev.drydock.rebuild.engine.BuildahRequest;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.testing.BusyboxImage;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a buildah build takes in besides its stages' bases, on the real stack: a target stage, images that RUN
 * mounts read from, and the ONBUILD triggers of a base. skopeo judges what was pushed.
 */
@QuarkusTest
class BuildahInputsTest {

    @Inject
    BuildahBuilder buildah;

    @Test
    void shouldBuildTheTargetStageAndRebuildOnlyWhenItsOwnBasesChange() {
        String builder = busybox("target-build");
        String runtime = busybox("target-runtime");
        String later = busybox("target-later");
        String task = unique("target-app");
        Map<String, Object> spec = new HashMap<>(task(task, """
                FROM %s AS build
                RUN echo "built for the target" > /made.txt
                FROM %s AS runtime
                COPY --from=build /made.txt /made.txt
                RUN echo runtime > /stage.txt
                FROM %s AS debug
                RUN echo debug > /stage.txt
                """.formatted(builder, runtime, later), Map.of()));
        spec.put("target", "runtime");
        spec.put("triggers", Map.of("baseImage", Map.of("scope", "all")));
        create(spec).statusCode(201);
        // A task FROM the later stage's base: its run shows that a change of that base was processed.
        String sentinel = unique("target-sentinel");
        create(task(sentinel, "FROM " + later + "\nCOPY a.txt /a.txt\n", Map.of("a.txt", "a\n"))).statusCode(201);

        List<String> dependencies = given().get("/api/v1/tasks/" + task).then().statusCode(200).extract().jsonPath()
                .getList("dependencies.reference");
        assertThat(dependencies).containsExactlyInAnyOrder(builder, runtime).doesNotContain(later);
        assertThat(given().get("/api/v1/graph/dependents?image=" + later).then().statusCode(200).extract().jsonPath()
                .getList("items.task", String.class)).containsExactly(sentinel);

        baseId(runtime); // the digest before the push is known
        String newRuntime = BusyboxImage.push(runtime).digest();
        given().post("/api/v1/bases/" + baseId(runtime) + "/check").then().statusCode(200).body("changed", equalTo(true));
        JsonNode run = succeeded(task);
        assertThat(run.get("pinned").get(runtime).asText()).isEqualTo(newRuntime);
        assertThat(run.get("pinned").has(later)).isFalse();
        assertThat(log(run)).contains("RUN echo runtime > /stage.txt").doesNotContain("RUN echo debug")
                .doesNotContain(name(later) + "@");
        String contents = Skopeo.contents(privateImage(task));
        assertThat(contents).contains("built for the target").contains("runtime\n").doesNotContain("debug\n");
        assertThat(Skopeo.config(privateImage(task)).get("config").get("Labels")
                .get("org.opencontainers.image.base.digest").asText()).isEqualTo(newRuntime);

        baseId(later); // the digest before the push is known
        BusyboxImage.push(later);
        given().post("/api/v1/bases/" + baseId(later) + "/check").then().statusCode(200).body("changed", equalTo(true));
        assertThat(awaitFinished(sentinel, 1).get(0).get("trigger").asText()).isEqualTo("ImageUpdate");
        assertThat(runs(task)).as("the later stage's base is no input of the target").hasSize(1);
    }

    @Test
    void shouldRefuseATargetThatIsNoStageNamingTheStagesThatExist() {
        Map<String, Object> spec = new HashMap<>(task(unique("no-stage"),
                "FROM busybox AS build\nFROM busybox AS runtime\nFROM busybox\n", Map.of()));
        spec.put("target", "test");
        create(spec).statusCode(400).body("field", equalTo("target"))
                .body("detail", containsString("target test is not a stage of the Dockerfile: its stages are build, runtime"));
    }

    @Test
    void shouldPinTheImageARunMountReadsAndRebuildWhenItChanges() {
        String base = busybox("mount-base");
        String tools = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("tools") + ":1";
        String first = tools(tools, "tool-v1");
        String task = unique("mount-app");
        Map<String, Object> spec = new HashMap<>(task(task, """
                FROM %s
                RUN --mount=type=bind,from=%s,source=/tool.txt,target=/mnt/tool.txt cat /mnt/tool.txt > /copied.txt
                """.formatted(base, tools), Map.of()));
        spec.put("triggers", Map.of("baseImage", Map.of("scope", "all")));
        create(spec).statusCode(201);
        assertThat(given().get("/api/v1/graph/dependents?image=" + tools).then().statusCode(200).extract().jsonPath()
                .getList("items.task", String.class)).containsExactly(task);
        baseId(base);
        assertThat(baseId(tools)).isPositive();
        assertThat(first).startsWith("sha256:");

        String second = tools(tools, "tool-v2");
        given().post("/api/v1/bases/" + baseId(tools) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = succeeded(task);
        assertThat(run.get("trigger").asText()).isEqualTo("ImageUpdate");
        assertThat(run.get("pinned").get(tools).asText()).isEqualTo(second);
        assertThat(log(run)).contains("base " + tools + " pinned to " + second + " (stage 0, RUN --mount line 2)")
                .contains("RUN --mount=type=bind,from=" + name(tools) + "@" + second + ",source=/tool.txt");
        assertThat(Skopeo.contents(privateImage(task))).contains("tool-v2").doesNotContain("tool-v1");
    }

    @Test
    void shouldRunTheOnBuildTriggersOfABaseWithBuildahThoughJibCouldBuildTheFile() throws Exception {
        String busybox = busybox("onbuild-root");
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("onbuild") + ":1";
        onBuildBase(busybox, base);
        String task = unique("onbuild-app");
        create(task(task, "FROM " + base + "\nCOPY app.txt /app.txt\n", Map.of("app.txt", "the app\n",
                "trigger.txt", "copied by the trigger\n"))).statusCode(201)
                .body("dependencies[0].reference", equalTo(base));
        baseId(base);

        String newBase = onBuildBase(busybox, base);
        given().post("/api/v1/bases/" + baseId(base) + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = succeeded(task);
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(newBase);
        assertThat(log(run)).contains("engine: jib (")
                .contains("engine: buildah (the base " + name(base)).contains(newBase + " has ONBUILD triggers, which "
                        + "Jib does not run: RUN echo triggered > /triggered.txt; COPY trigger.txt /trigger.txt)");
        String image = privateImage(task);
        assertThat(Skopeo.contents(image)).contains("triggered\n").contains("copied by the trigger").contains("the app");
        JsonNode config = Skopeo.rawConfig(image).get("config");
        assertThat(config.path("OnBuild").isNull() || config.path("OnBuild").isEmpty())
                .as("the triggers ran; the image does not pass them on: " + config).isTrue();
        assertThat(config.get("Labels").get("org.opencontainers.image.base.digest").asText()).isEqualTo(newBase);
    }

    /** Pushes a new image whose only file is /tool.txt; returns its digest. */
    private static String tools(String reference, String content) {
        return TestImages.builder().layer(Map.of("tool.txt", TestImages.utf8(content + "\n"))).push(reference).digest();
    }

    /** Builds a base with ONBUILD triggers FROM busybox with buildah (Docker format keeps them); returns its digest. */
    private String onBuildBase(String busybox, String reference) throws Exception {
        ImageReference pinned = ImageReference.parse(busybox).withDigest(Digest.parse(Skopeo.digest(busybox)));
        Path context = Files.createTempDirectory("onbuild-");
        Files.writeString(context.resolve("marker"), UUID.randomUUID().toString());
        BuildahDockerfile file = BuildahDockerfile.rewrite("""
                FROM %s
                COPY marker /marker
                ONBUILD RUN echo triggered > /triggered.txt
                ONBUILD COPY trigger.txt /trigger.txt
                """.formatted(busybox), Map.of(0, pinned));
        ImageReference target = ImageReference.parse(reference);
        return buildah.build(new BuildahRequest(file, context, Optional.of(pinned), List.of(pinned), List.of(target),
                List.of(), Map.of(), Map.of(), Map.of(), CredentialLookup.anonymous(),
                Set.copyOf(List.of(pinned.registry(), target.registry()))), BuildLog.discard()).digest();
    }
}
