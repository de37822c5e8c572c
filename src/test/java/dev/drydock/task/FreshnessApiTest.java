package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.drydock.rebuild.worker.RunExecutor;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/freshness and /api/v1/tasks/{name}/freshness on the real stack. */
@QuarkusTest
class FreshnessApiTest {

    @Inject
    RunExecutor workers;

    @Test
    void shouldReportATaskNeverBuiltThenUpToDateThenQueuedAfterItsBaseChanged() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("fresh") + ":1";
        String first = TestImages.push(base).digest();
        String task = unique("fresh-app");
        create(inlineTask(task, base)).statusCode(201);
        long baseId = TriggerTest.awaitBaseDigest(base, first);

        JsonPath never = freshness(task);
        assertThat(never.getBoolean("upToDate")).isFalse();
        assertThat(never.getString("reason")).isEqualTo("never-built");

        buildNow(task);
        awaitUpToDate(task);
        assertThat(behindTasks()).doesNotContain(task);

        workers.pause();
        try {
            String second = TestImages.push(base).digest();
            given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200).body("changed", equalTo(true));
            await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(freshness(task).getString("reason")));
            JsonPath queued = freshness(task);
            assertThat(queued.getBoolean("upToDate")).isFalse();
            assertThat(queued.getLong("runId")).isPositive();
            assertThat(Instant.parse(queued.getString("since"))).isBefore(Instant.now());
            assertThat(queued.getString("bases[0].reference")).isEqualTo(base);
            assertThat(queued.getString("bases[0].builtDigest")).isEqualTo(first);
            assertThat(queued.getString("bases[0].currentDigest")).isEqualTo(second);
            assertThat(behindTasks()).contains(task);
        } finally {
            workers.resume();
        }
        awaitUpToDate(task);
        assertThat(behindTasks()).doesNotContain(task);
    }

    @Test
    void shouldReportTheTasksOfAnUnreachableBaseBehindUntilItRecovers() {
        try (LocalRegistry registry = LocalRegistry.start(RegistryOptions.anonymous())) {
            String base = registry.host() + "/bases/" + unique("flaky") + ":1";
            String digest = TestImages.push(base).digest();
            String task = unique("flaky-app");
            create(inlineTask(task, base)).statusCode(201);
            long baseId = baseId(base);
            given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200).body("digest", equalTo(digest));
            buildNow(task);
            awaitUpToDate(task);

            registry.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> "unreachable".equals(
                    given().post("/api/v1/bases/" + baseId + "/check").then().extract().path("status")));
            JsonPath behind = freshness(task);
            assertThat(behind.getBoolean("upToDate")).isFalse();
            assertThat(behind.getString("reason")).isEqualTo("base-unreachable");
            assertThat(behind.getString("detail")).contains(base).contains("unreachable");
            assertThat(behind.getString("bases[0].status")).isEqualTo("unreachable");
            JsonPath page = given().get("/api/v1/freshness?size=500").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("items.task", String.class)).contains(task);
            assertThat(page.getString("items.find { it.task == '" + task + "' }.reason")).isEqualTo("base-unreachable");

            registry.startProcess();
            // The checks above opened the registry client's circuit for that host; it lets a trial through after its cool-down.
            await().atMost(Duration.ofSeconds(60)).until(() -> "ok".equals(
                    given().post("/api/v1/bases/" + baseId + "/check").then().extract().path("status")));
            awaitUpToDate(task);
        }
    }

    @Test
    void shouldPageTheTasksThatAreBehind() {
        String task = unique("paged");
        create(inlineTask(task, TestStack.get().upstreamRegistry().host() + "/bases/" + unique("p") + ":1")).statusCode(201);

        JsonPath page = given().get("/api/v1/freshness?page=0&size=1").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getInt("page")).isZero();
        assertThat(page.getInt("size")).isEqualTo(1);
        assertThat(page.getLong("total")).isPositive();
        given().get("/api/v1/freshness?page=100000&size=500").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldExposeTheImagesBehindAndTheAgeOfTheOldestAsMetrics() {
        String task = unique("metered");
        create(inlineTask(task, TestStack.get().upstreamRegistry().host() + "/bases/" + unique("m") + ":1")).statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("drydock_images_behind") >= 1);
        assertThat(gauge("drydock_oldest_behind_seconds")).isGreaterThanOrEqualTo(0);
    }

    private static double gauge(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
    }

    @Test
    void shouldRefuseBadPagingAndUnknownTasksWithAProblem() {
        given().get("/api/v1/freshness?size=0").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("size"));
        given().get("/api/v1/freshness?page=-1").then().statusCode(400).body("field", equalTo("page"));
        given().get("/api/v1/tasks/" + unique("nobody") + "/freshness").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldNotAnswerWithoutAToken() {
        given().header("Authorization", "Bearer nope").get("/api/v1/freshness").then().statusCode(401);
    }

    private static long baseId(String reference) {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/bases?reference=" + reference).then()
                .extract().jsonPath().getList("items").size() == 1);
        return given().get("/api/v1/bases?reference=" + reference).then().extract().jsonPath().getLong("items[0].id");
    }

    private static void buildNow(String task) {
        given().contentType("application/json").body(Map.of()).post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);
    }

    static JsonPath freshness(String task) {
        return given().get("/api/v1/tasks/" + task + "/freshness").then().statusCode(200).extract().jsonPath();
    }

    static void awaitUpToDate(String task) {
        await().atMost(Duration.ofSeconds(60)).until(() -> freshness(task).getBoolean("upToDate"));
    }

    private static List<String> behindTasks() {
        return given().get("/api/v1/freshness?size=500").then().statusCode(200).extract().jsonPath().getList("items.task", String.class);
    }
}
