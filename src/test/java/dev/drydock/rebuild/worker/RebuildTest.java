package dev.drydock.rebuild.worker;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole loop on the real stack: a base changes upstream, drydock rebuilds FROM the new digest and pushes. */
@QuarkusTest
class RebuildTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRebuildOnTheNewBaseDigestAndPushWithBaseAnnotations() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("jre") + ":21";
        TestImages.push(base);
        String task = unique("app");
        create(inlineTask(task, base)).statusCode(201);
        long baseId = baseId(base);

        String newBase = TestImages.builder().randomLayer(2048).randomLayer(1024).push(base).digest();
        given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
        assertThat(run.get("trigger").asText()).isEqualTo("ImageUpdate");
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(newBase);

        String image = privateImage(task);
        JsonNode inspect = Skopeo.inspect(image);
        JsonNode baseInspect = Skopeo.inspect(base.replace(":21", "@" + newBase));
        assertThat(inspect.get("Digest").asText()).isEqualTo(run.get("outputDigest").asText());
        List<String> layers = strings(inspect.get("Layers"));
        List<String> baseLayers = strings(baseInspect.get("Layers"));
        assertThat(layers).hasSize(baseLayers.size() + 1);
        assertThat(layers.subList(0, baseLayers.size())).isEqualTo(baseLayers);
        assertThat(inspect.get("Labels").get("org.opencontainers.image.base.digest").asText()).isEqualTo(newBase);
        assertThat(inspect.get("Labels").get("org.opencontainers.image.base.name").asText()).isEqualTo(base);
        String log = given().get("/api/v1/runs/" + run.get("id").asLong() + "/log").then().statusCode(200).extract().asString();
        assertThat(log).contains("pinned to " + newBase).contains("pushed " + run.get("outputDigest").asText());
        String followed = given().get("/api/v1/runs/" + run.get("id").asLong() + "/log?follow=true").then().statusCode(200)
                .extract().asString();
        assertThat(followed).as("following a finished run's log returns all of it and ends").isEqualTo(log);
    }

    @Test
    void shouldCascadeFromBaseToAppBaseToAppInOrderEachPinnedToItsParent() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("os") + ":1";
        TestImages.push(base);
        String appBase = unique("app-base");
        String app = unique("app");
        create(inlineTask(appBase, base)).statusCode(201);
        given().post("/api/v1/tasks/" + appBase + "/runs").then().statusCode(202);
        assertThat(awaitFinished(appBase, 1).get(0).get("status").asText()).isEqualTo("Succeeded");
        create(inlineTask(app, privateImage(appBase))).statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> baseDigest(privateImage(appBase)) != null);

        baseId(base); // the digest before the push is known
        String newBase = TestImages.push(base).digest();
        given().post("/api/v1/bases/" + baseId(base) + "/check").then().body("changed", equalTo(true));

        JsonNode appBaseRun = awaitFinished(appBase, 2).get(0);
        JsonNode appRun = awaitFinished(app, 1).get(0);
        assertThat(appBaseRun.get("status").asText()).as(log(appBaseRun)).isEqualTo("Succeeded");
        assertThat(appRun.get("status").asText()).as(log(appRun)).isEqualTo("Succeeded");
        assertThat(appBaseRun.get("pinned").get(base).asText()).isEqualTo(newBase);
        assertThat(appRun.get("pinned").get(privateImage(appBase)).asText()).isEqualTo(appBaseRun.get("outputDigest").asText());
        assertThat(appRun.get("cause").get(0).get("detectedBy").asText()).isEqualTo("push");
        assertThat(appRun.get("cause").get(0).get("upstreamTask").asText()).isEqualTo(appBase);
        assertThat(appRun.get("cause").get(0).get("upstreamRun").asLong()).isEqualTo(appBaseRun.get("id").asLong());
        assertThat(appRun.get("startedAt").asText()).isGreaterThan(appBaseRun.get("finishedAt").asText());
        assertThat(Skopeo.inspect(privateImage(app)).get("Labels").get("org.opencontainers.image.base.digest").asText())
                .isEqualTo(appBaseRun.get("outputDigest").asText());
    }

    @Test
    void shouldReportUnchangedWhenNothingChanged() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("same") + ":1";
        TestImages.push(base);
        String task = unique("same-app");
        create(inlineTask(task, base)).statusCode(201);
        given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);
        JsonNode first = awaitFinished(task, 1).get(0);
        given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);
        JsonNode second = awaitFinished(task, 2).get(0);

        assertThat(first.get("status").asText()).as(log(first)).isEqualTo("Succeeded");
        assertThat(second.get("status").asText()).isEqualTo("Succeeded");
        assertThat(second.get("unchanged").asBoolean()).isTrue();
        assertThat(second.get("outputDigest").asText()).isEqualTo(first.get("outputDigest").asText());
    }

    static long baseId(String reference) {
        await().atMost(Duration.ofSeconds(15)).until(() -> baseDigest(reference) != null);
        return given().get("/api/v1/bases?size=500").then().extract().jsonPath()
                .getLong("items.find { it.reference == '" + reference + "' }.id");
    }

    static String baseDigest(String reference) {
        return given().get("/api/v1/bases?size=500").then().extract().jsonPath()
                .getString("items.find { it.reference == '" + reference + "' }.digest");
    }

    static List<JsonNode> runs(String task) {
        try {
            List<JsonNode> runs = new ArrayList<>();
            JSON.readTree(given().get("/api/v1/runs?task=" + task).then().statusCode(200).extract().asString()).get("items").forEach(runs::add);
            return runs;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the task has {@code n} runs that all ended; newest first. */
    static List<JsonNode> awaitFinished(String task, int n) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<JsonNode> runs = runs(task);
            return runs.size() >= n && runs.stream().allMatch(r -> r.get("finishedAt") != null && !r.get("finishedAt").isNull());
        });
        return runs(task);
    }

    static String log(JsonNode run) {
        return "run log:\n" + given().get("/api/v1/runs/" + run.get("id").asLong() + "/log").then().extract().asString();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static Map<String, Object> withTimeout(Map<String, Object> task, int seconds) {
        Map<String, Object> copy = new java.util.HashMap<>(task);
        copy.put("timeoutSeconds", seconds);
        return copy;
    }
}
