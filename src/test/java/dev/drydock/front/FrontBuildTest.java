package dev.drydock.front;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * drydock's own traffic through the front, as its service identity: builds push through it, and the watch HEADs
 * what they pushed through it.
 */
@QuarkusTest
@TestProfile(ThroughTheFront.class)
class FrontBuildTest {

    static final String FRONT = ThroughTheFront.FRONT;

    @Test
    void shouldPushBuildsThroughTheFrontAndWatchWhatTheyPushedThroughIt() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("front-os") + ":1";
        TestImages.push(base);
        String appBase = unique("front-app-base");
        String appBaseImage = FRONT + "/apps/" + appBase + ":latest";
        create(task(appBase, base, appBaseImage)).statusCode(201);
        given().post("/api/v1/tasks/" + appBase + "/runs").then().statusCode(202);
        String built = awaitSucceeded(appBase);

        String backendImage = appBaseImage.replace(FRONT, TestStack.get().privateRegistry().host());
        assertThat(Skopeo.digest(backendImage)).as("what the push through the front stored").isEqualTo(built);

        String app = unique("front-app");
        create(task(app, appBaseImage, FRONT + "/apps/" + app + ":latest")).statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> built.equals(baseDigest(appBaseImage)));
    }

    static Map<String, Object> task(String name, String base, String image) {
        return Map.of("name", name,
                "source", Map.of("inline", Map.of("files", Map.of(
                        "Dockerfile", "FROM " + base + "\nCOPY app.txt /app/app.txt\n",
                        "app.txt", "hello from " + name + "\n"))),
                "images", List.of(image));
    }

    static String awaitSucceeded(String task) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String status = given().get("/api/v1/runs?task=" + task).then().statusCode(200).extract().path("items[0].status");
            return status != null && List.of("Succeeded", "Failed", "Error", "Timeout", "Canceled").contains(status);
        });
        var run = given().get("/api/v1/runs?task=" + task).then().extract().jsonPath();
        assertThat(run.getString("items[0].status")).as("run of " + task).isEqualTo("Succeeded");
        return run.getString("items[0].outputDigest");
    }

    static String baseDigest(String reference) {
        return given().get("/api/v1/bases?size=500").then().extract().jsonPath()
                .getString("items.find { it.reference == '" + reference + "' }.digest");
    }
}
