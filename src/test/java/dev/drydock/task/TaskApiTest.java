package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registering tasks: validation, analysis, the graph, and the bases they make drydock watch. */
@QuarkusTest
class TaskApiTest {

    static String upstreamBase(String name) {
        return TestStack.get().upstreamRegistry().host() + "/bases/" + name + ":1";
    }

    @Test
    void shouldRegisterATaskAndWatchItsRuntimeBase() {
        String name = unique("app");
        String base = upstreamBase(unique("jre"));
        create(inlineTask(name, base)).statusCode(201)
                .header("Location", containsString("/api/v1/tasks/" + name))
                .body("dependencies.reference", contains(base))
                .body("dependencies[0].runtime", equalTo(true))
                .body("outputs", contains(privateImage(name)));

        given().get("/api/v1/tasks/" + name + "/dependencies").then().statusCode(200).body("dependencies.reference", contains(base));
        given().get("/api/v1/bases?size=500").then().statusCode(200).body("items.reference", hasItem(base));
    }

    @Test
    void shouldRegisterTasksFromOneNewBaseConcurrentlyAndWatchItOnce() throws Exception {
        String base = upstreamBase(unique("shared"));
        List<String> names = java.util.stream.IntStream.range(0, 8).mapToObj(i -> unique("fan")).toList();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(names.size());
        try {
            var created = pool.invokeAll(names.stream()
                    .<java.util.concurrent.Callable<Integer>>map(n -> () -> create(inlineTask(n, base)).extract().statusCode())
                    .toList());
            for (var status : created) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("reference", base).get("/api/v1/bases").then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().queryParam("image", base).get("/api/v1/graph/dependents").then().statusCode(200)
                .body("items.size()", equalTo(names.size())).body("total", equalTo(names.size()));
    }

    @Test
    void shouldValidateWithoutStoringOnADryRun() {
        String name = unique("dry");
        given().contentType(ContentType.JSON).body(inlineTask(name, "eclipse-temurin:21-jre")).queryParam("dryRun", true)
                .post("/api/v1/tasks").then().statusCode(200)
                .body("stored", equalTo(false))
                .body("dependencies.reference", contains("docker.io/library/eclipse-temurin:21-jre"));
        given().get("/api/v1/tasks/" + name).then().statusCode(404);
        given().get("/api/v1/bases?size=500").then().body("items.reference", not(hasItem("docker.io/library/eclipse-temurin:21-jre")));
    }

    @Test
    void shouldRejectBadTasksNamingTheField() {
        Map<String, Object> noImages = new HashMap<>(inlineTask(unique("x"), "alpine:3"));
        noImages.remove("images");
        create(noImages).statusCode(400).contentType(startsWith("application/problem+json")).body("field", equalTo("images"));

        Map<String, Object> elsewhere = new HashMap<>(inlineTask(unique("x"), "alpine:3"));
        elsewhere.put("images", List.of("docker.io/acme/app:1"));
        create(elsewhere).statusCode(400).body("field", equalTo("images[0]"));

        Map<String, Object> run = new HashMap<>(inlineTask(unique("x"), "alpine:3"));
        run.put("source", Map.of("inline", Map.of("files", Map.of("Dockerfile",
                "FROM alpine:3\nRUN apk add curl\nCOPY <<EOF /etc/x\nx\nEOF\n"))));
        create(run).statusCode(400).body("field", equalTo("buildFile"))
                .body("detail", containsString("neither Jib nor buildah 1.28 supports"));

        Map<String, Object> forced = new HashMap<>(inlineTask(unique("x"), "alpine:3"));
        forced.put("engine", "docker");
        create(forced).statusCode(400).body("field", equalTo("engine"));

        Map<String, Object> secret = new HashMap<>(inlineTask(unique("x"), "alpine:3"));
        secret.put("secrets", Map.of("token", "no-such-credential"));
        create(secret).statusCode(400).body("field", equalTo("secrets.token"));

        Map<String, Object> cron = new HashMap<>(inlineTask(unique("x"), "alpine:3"));
        cron.put("triggers", Map.of("timers", List.of(Map.of("name", "nightly", "schedule", "0 3 * *"))));
        create(cron).statusCode(400).body("field", equalTo("triggers.timers[0].schedule"));

        create(Map.of("name", "Bad Name", "source", Map.of("inline", Map.of("files", Map.of("Dockerfile", "FROM a"))),
                "images", List.of(privateImage("x")))).statusCode(400).body("field", equalTo("name"));

        String name = unique("twice");
        create(inlineTask(name, upstreamBase("twice"))).statusCode(201);
        create(inlineTask(name, upstreamBase("twice"))).statusCode(409);
    }

    @Test
    void shouldRefuseATaskThatClosesACycle() {
        String a = unique("cyc-a");
        String b = unique("cyc-b");
        create(inlineTask(a, privateImage(b))).statusCode(201);
        create(inlineTask(b, privateImage(a))).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString(a)).body("detail", containsString(b));
        given().get("/api/v1/tasks/" + b).then().statusCode(404);
    }

    @Test
    void shouldListDependentsTransitivelyWithDepthAndPath() {
        String base = upstreamBase(unique("os"));
        String appBase = unique("app-base");
        String app = unique("app");
        create(inlineTask(appBase, base)).statusCode(201);
        create(inlineTask(app, privateImage(appBase))).statusCode(201);

        given().queryParam("image", base).get("/api/v1/graph/dependents").then().statusCode(200)
                .body("items.task", contains(appBase, app))
                .body("items.depth", contains(1, 2))
                .body("items[1].path", contains(base, appBase, privateImage(appBase), app));
        given().queryParam("image", "Not Valid").get("/api/v1/graph/dependents").then().statusCode(400).body("field", equalTo("image"));
    }

    @Test
    void shouldStopWatchingABaseWhenItsLastTaskGoes() {
        String base = upstreamBase(unique("gone"));
        String name = unique("short-lived");
        create(inlineTask(name, base)).statusCode(201);
        given().get("/api/v1/bases?size=500").then().body("items.reference", hasItem(base));

        given().delete("/api/v1/tasks/" + name).then().statusCode(204);

        given().get("/api/v1/bases?size=500").then().body("items.reference", not(hasItem(base)));
        given().get("/api/v1/tasks/" + name).then().statusCode(404);
    }

    @Test
    void shouldPatchATaskAndMoveItsDependency() {
        String name = unique("patched");
        create(inlineTask(name, upstreamBase("before"))).statusCode(201);
        String after = upstreamBase("after");
        given().contentType("application/merge-patch+json")
                .body(Map.of("source", Map.of("inline", Map.of("files", Map.of("Dockerfile", "FROM " + after + "\n")))))
                .patch("/api/v1/tasks/" + name).then().statusCode(200)
                .body("dependencies.reference", contains(after));
    }

    @Test
    void shouldRequireATokenAndRespectReadOnly() {
        given().header("Authorization", "Bearer nope").get("/api/v1/tasks").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", "Basic eDp5").get("/api/v1/tasks").then().statusCode(401);
        given().header("Authorization", "Bearer " + DrydockStackResource.READ_TOKEN).get("/api/v1/tasks").then().statusCode(200);
        given().header("Authorization", "Bearer " + DrydockStackResource.READ_TOKEN).contentType(ContentType.JSON)
                .body(inlineTask(unique("ro"), "alpine:3")).post("/api/v1/tasks").then().statusCode(403);
        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(200);
    }
}
