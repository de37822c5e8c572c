package dev.drydock.watch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changing a tracked base (PATCH, JSON merge patch) and deleting one that tasks still build FROM. */
@QuarkusTest
class BaseApiTest {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    WatchConfig config;

    @Test
    void shouldApplyANewIntervalFromTheLastCheckSoThatTheNextCheckComesOnTheNewSchedule() {
        String reference = WatchTest.upstream("patch-interval") + ":1";
        String digest = TestImages.push(reference).digest();
        long id = track(Map.of("reference", reference, "intervalSeconds", 3600));
        await().atMost(Duration.ofSeconds(20)).until(() -> digest.equals(base(id).getString("digest")));
        Instant lastChecked = Instant.parse(base(id).getString("lastCheckedAt"));
        assertThat(Instant.parse(base(id).getString("nextCheckAt"))).isAfter(lastChecked.plusSeconds(3000));

        JsonPath patched = patch(id, "{\"intervalSeconds\": 10}").statusCode(200).body("intervalSeconds", equalTo(10))
                .extract().jsonPath();

        Instant next = Instant.parse(patched.getString("nextCheckAt"));
        assertThat(next).isBetween(lastChecked.plusSeconds(9), lastChecked.plusSeconds(11));
        assertThat(base(id).getInt("intervalSeconds")).as("persisted").isEqualTo(10);
        // The poller checks it on the new schedule, not an hour after the last check.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Instant.parse(base(id).getString("lastCheckedAt")).isAfter(lastChecked));
    }

    @Test
    void shouldSetAndRemoveTheCredentialSetLeavingFieldsThePatchLeavesOut() {
        String registry = "127.0.0.1:1";
        String reference = registry + "/patch/" + TaskFixtures.unique("creds") + ":1";
        long id = track(Map.of("reference", reference, "intervalSeconds", 600));
        String credential = TaskFixtures.unique("patch");
        given().contentType(ContentType.JSON).body(Map.of("name", credential, "registry", registry, "username", "u",
                "password", "p")).post("/api/v1/credentials").then().statusCode(201);
        try {
            patch(id, "{\"credentials\": \"" + credential + "\"}").statusCode(200)
                    .body("credentials", equalTo(credential)).body("intervalSeconds", equalTo(600));
            assertThat(base(id).getString("credentials")).isEqualTo(credential);

            patch(id, "{\"credentials\": null}").statusCode(200).body("credentials", nullValue())
                    .body("intervalSeconds", equalTo(600));
            patch(id, "{\"intervalSeconds\": null}").statusCode(200).body("intervalSeconds", equalTo((int) config.defaultInterval().toSeconds()));
            assertThat(base(id).getString("credentials")).isNull();
        } finally {
            given().delete("/api/v1/credentials/" + credential).then().statusCode(204);
            given().delete("/api/v1/bases/" + id).then().statusCode(204);
        }
    }

    @Test
    void shouldRefuseToDeleteABaseThatTasksBuildFromNamingThem() {
        String reference = WatchTest.upstream("in-use") + ":1";
        TestImages.push(reference);
        long id = track(Map.of("reference", reference, "intervalSeconds", 600));
        String first = TaskFixtures.unique("user-a");
        String second = TaskFixtures.unique("user-b");
        TaskFixtures.create(TaskFixtures.inlineTask(first, reference)).statusCode(201);
        TaskFixtures.create(TaskFixtures.inlineTask(second, reference)).statusCode(201);

        given().delete("/api/v1/bases/" + id).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("2 tasks"))
                .body("detail", containsString(first)).body("detail", containsString(second));
        given().get("/api/v1/bases/" + id).then().statusCode(200);

        given().delete("/api/v1/tasks/" + first).then().statusCode(204);
        given().delete("/api/v1/tasks/" + second).then().statusCode(204);
        given().delete("/api/v1/bases/" + id).then().statusCode(204);
        given().get("/api/v1/bases/" + id).then().statusCode(404);
    }

    private static long track(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/bases").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.ValidatableResponse patch(long id, String body) {
        return given().contentType(MERGE_PATCH).body(body).patch("/api/v1/bases/" + id).then();
    }

    private static JsonPath base(long id) {
        return given().get("/api/v1/bases/" + id).then().statusCode(200).extract().jsonPath();
    }
}
