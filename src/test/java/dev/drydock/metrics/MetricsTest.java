package dev.drydock.metrics;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus metrics: queue, runs by status, build durations, change-to-start latency, polls, outbox lag. */
@QuarkusTest
class MetricsTest {

    @Test
    void shouldExposeRunWatchAndOutboxMetricsAndTimeChangeToStart() {
        double before = value(scrape(), "drydock_run_change_to_start_seconds_count");
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("metrics") + ":1";
        TestImages.push(base);
        String task = unique("metered");
        create(inlineTask(task, base)).statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/v1/bases?reference=" + base)
                .then().extract().jsonPath().getString("items[0].digest") != null);
        long baseId = given().get("/api/v1/bases?reference=" + base).then().extract().jsonPath().getLong("items[0].id");
        TestImages.push(base);
        given().post("/api/v1/bases/" + baseId + "/check").then().body("changed", equalTo(true));

        await().atMost(Duration.ofSeconds(60)).until(() -> value(scrape(), "drydock_run_change_to_start_seconds_count") > before);
        String metrics = scrape();
        assertThat(metrics).contains("drydock_queue_depth", "drydock_runs{status=\"Queued\"}", "drydock_runs{status=\"Succeeded\"}",
                "drydock_outbox_pending", "drydock_outbox_lag_seconds", "drydock_watch_checks_total{",
                "drydock_watch_check_duration_seconds_count{", "drydock_run_change_to_start_seconds_bucket{");
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().contains("drydock_build_duration_seconds_count{status=\"Succeeded\"}"));
    }

    @Test
    void shouldDescribeEveryDrydockMetricAndBucketDurationsForTheirScale() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("described") + ":1";
        TestImages.push(base);
        String task = unique("described");
        create(inlineTask(task, base)).statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/v1/bases?reference=" + base)
                .then().extract().jsonPath().getString("items[0].digest") != null);
        long baseId = given().get("/api/v1/bases?reference=" + base).then().extract().jsonPath().getLong("items[0].id");
        given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200);
        given().contentType("application/json").body("{}").post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().contains("drydock_build_duration_seconds_count{")
                && scrape().contains("drydock_watch_check_duration_seconds_count{"));
        String metrics = scrape();

        Matcher types = Pattern.compile("(?m)^# TYPE (drydock_\\w+) (\\w+)$").matcher(metrics);
        int described = 0;
        while (types.find()) {
            assertThat(metrics).as("HELP of " + types.group(1))
                    .containsPattern("(?m)^# HELP " + types.group(1) + " \\S.*$");
            described++;
        }
        assertThat(described).as("drydock metrics on /q/metrics").isGreaterThanOrEqualTo(10);

        assertThat(buckets(metrics, "drydock_watch_check_duration_seconds"))
                .as("check buckets, in seconds").contains("0.005", "0.1", "1.0", "30.0", "+Inf").hasSizeLessThan(16);
        assertThat(buckets(metrics, "drydock_build_duration_seconds"))
                .as("build buckets, in seconds").contains("1.0", "60.0", "600.0", "3600.0", "+Inf").hasSizeLessThan(16);
        assertThat(metrics).as("the Kafka client's meters are off by default").doesNotContainPattern("(?m)^kafka_");
    }

    /** The distinct {@code le} bounds of a histogram's series. */
    private static java.util.Set<String> buckets(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "_bucket\\{[^}]*le=\"([^\"]+)\"").matcher(metrics);
        java.util.Set<String> bounds = new java.util.TreeSet<>();
        while (m.find()) {
            bounds.add(m.group(1));
        }
        return bounds;
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
