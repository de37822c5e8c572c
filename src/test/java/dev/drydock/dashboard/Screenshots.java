package dev.drydock.dashboard;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import dev.drydock.task.TaskFixtures;
import dev.drydock.task.run.Cause;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Screenshots of the dashboard and the small world they show: a JRE base whose change rebuilt shop-base, whose
 * new image queued shop-api and shop-web (the cascade), and a nightly report building now.
 *
 * <p>They go to {@code -Ddrydock.screenshots=DIR} ({@code docs/screenshots} refreshes the documentation's), by
 * default to {@code screenshots/} in the build directory.
 */
final class Screenshots {

    private Screenshots() {}

    static Path dir() {
        String configured = System.getProperty("drydock.screenshots");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String work = System.getProperty("drydock.test.work-dir");
        return work != null ? Path.of(work).resolveSibling("screenshots") : Path.of("target", "screenshots");
    }

    static void take(Page page, String name) {
        page.waitForLoadState();
        page.screenshot(new Page.ScreenshotOptions().setPath(dir().resolve(name + ".png")));
    }

    /** What the demo made: the base to select in the graph, two task names, the finished run, runs to end. */
    record Demo(String base, String baseTask, String cascadeTask, long finishedRun, List<Long> pending) {

        void end(RunService runs) {
            pending.forEach(id -> DashboardFixtures.end(runs, id));
        }
    }

    static Demo demo(RunService runs, RunLog log, ObjectMapper json) throws JsonProcessingException {
        String upstream = TestStack.get().upstreamRegistry().host();
        String jre = upstream + "/library/eclipse-temurin:21-jre";
        String python = upstream + "/library/python:3.12-slim";
        String shopBaseImage = TaskFixtures.privateImage("shop-base").replace(":latest", ":21");
        String jreDigest = TestImages.push(jre).digest();
        TestImages.push(python);
        String shopBaseDigest = TestImages.push(shopBaseImage).digest();

        task("shop-base", jre, List.of(shopBaseImage), null);
        task("shop-api", shopBaseImage, List.of(TaskFixtures.privateImage("shop-api")), null);
        task("shop-web", shopBaseImage, List.of(TaskFixtures.privateImage("shop-web")), null);
        task("nightly-reports", python, List.of(TaskFixtures.privateImage("nightly-reports")),
                Map.of("timers", List.of(Map.of("name", "nightly", "schedule", "0 3 * * *"))));

        String before = "sha256:5f1c0a7de4b2" + "0".repeat(52);
        long finished = DashboardFixtures.parkedRun("shop-base", RunTrigger.ImageUpdate,
                causes(json, Cause.baseChange(UUID.randomUUID().toString(), jre, before, jreDigest, "poll", null, null,
                        Instant.now().minusSeconds(95))),
                json.writeValueAsString(Map.of(jre, jreDigest)));
        for (String line : List.of("build started by worker-7f3a (attempt 1)", "source: inline files of task shop-base",
                "base " + jre + " pinned at " + jreDigest, "layer 1/2: app.txt (1 file, 18 B)",
                "pushed " + shopBaseImage + " " + shopBaseDigest)) {
            log.append(finished, line);
        }
        QuarkusTransaction.requiringNew().run(() -> runs.lock(finished).ifPresent(run -> {
            runs.transition(run, RunStatus.Started);
            runs.transition(run, RunStatus.Running);
            runs.setOutputs(run, List.of(shopBaseImage));
            run.outputDigest = shopBaseDigest;
            runs.transition(run, RunStatus.Succeeded);
        }));

        String pushed = causes(json, Cause.baseChange(UUID.randomUUID().toString(), shopBaseImage,
                "sha256:0c9e21ab77d3" + "0".repeat(52), shopBaseDigest, "push", finished, "shop-base", Instant.now()));
        String pins = json.writeValueAsString(Map.of(shopBaseImage, shopBaseDigest));
        long api = DashboardFixtures.parkedRun("shop-api", RunTrigger.ImageUpdate, pushed, pins);
        long web = DashboardFixtures.parkedRun("shop-web", RunTrigger.ImageUpdate, pushed, pins);
        long nightly = DashboardFixtures.parkedRun("nightly-reports", RunTrigger.Timer,
                causes(json, Cause.timer("nightly", Instant.now().minusSeconds(40))), "{}");
        // Building now: held by a worker that does not exist, so real workers leave it alone until the test ends it.
        QuarkusTransaction.requiringNew().run(() -> runs.lock(nightly).ifPresent(run -> {
            run.leaseOwner = "screenshots";
            run.leaseUntil = Instant.now().plusSeconds(180);
            runs.transition(run, RunStatus.Started);
            runs.transition(run, RunStatus.Running);
        }));
        return new Demo(jre, "shop-base", "shop-api", finished, List.of(api, web, nightly));
    }

    private static void task(String name, String from, List<String> images, Map<String, Object> triggers) {
        if (given().get("/api/v1/tasks/" + name).statusCode() == 200) {
            return;
        }
        Map<String, Object> task = new HashMap<>();
        task.put("name", name);
        task.put("source", Map.of("inline", Map.of("files", Map.of(
                "Dockerfile", "FROM " + from + "\nCOPY app.txt /app/app.txt\n", "app.txt", "hello from " + name + "\n"))));
        task.put("images", images);
        if (triggers != null) {
            task.put("triggers", triggers);
        }
        given().contentType(ContentType.JSON).body(task).post("/api/v1/tasks").then().statusCode(201);
    }

    private static String causes(ObjectMapper json, Cause cause) throws JsonProcessingException {
        return json.writeValueAsString(List.of(cause));
    }
}
