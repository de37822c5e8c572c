package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A task registered before its base existed builds once the base appears. */
@QuarkusTest
class BaseAppearsTest {

    @Test
    void shouldQueueARunForTheWaitingTaskWhenItsBaseAppears() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("later") + ":1";
        String task = unique("waiting-app");
        create(inlineTask(task, base)).statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/v1/bases?status=not-found&size=500").then()
                .extract().jsonPath().getList("items.reference").contains(base));
        long baseId = given().get("/api/v1/bases?size=500").then().extract().jsonPath()
                .getLong("items.find { it.reference == '" + base + "' }.id");
        assertThat(TriggerTest.runs(task)).isEmpty();

        String digest = TestImages.push(base).digest();
        given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200)
                .body("changed", equalTo(true)).body("digest", equalTo(digest));

        JsonNode run = TriggerTest.awaitRuns(task, 1).get(0);
        assertThat(run.get("trigger").asText()).isEqualTo("ImageUpdate");
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(digest);
        assertThat(run.get("cause").get(0).has("previousDigest")).as("there was no digest before").isFalse();
    }
}
