package dev.drydock.input;

import static io.restassured.RestAssured.given;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Typed query parameters are strict (BadInputTest), and an omitted one keeps its default: the converter that refuses
 * {@code ?dryRun=maybe} must still read a missing {@code dryRun} as false and a missing {@code size} as 50.
 */
@QuarkusTest
class QueryParameterDefaultsTest {

    @Test
    void shouldStoreATaskWhenDryRunIsOmittedAndNothingWhenItIsTrueInAnyCase() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + TaskFixtures.unique("defaults") + ":1";
        TestImages.push(base);
        String dry = TaskFixtures.unique("defaults-dry");
        given().contentType(ContentType.JSON).body(TaskFixtures.inlineTask(dry, base)).post("/api/v1/tasks?dryRun=TRUE")
                .then().statusCode(200);
        given().get("/api/v1/tasks/" + dry).then().statusCode(404);

        String stored = TaskFixtures.unique("defaults-stored");
        given().contentType(ContentType.JSON).body(TaskFixtures.inlineTask(stored, base)).post("/api/v1/tasks?dryRun=false")
                .then().statusCode(201);
        String omitted = TaskFixtures.unique("defaults-omitted");
        TaskFixtures.create(TaskFixtures.inlineTask(omitted, base)).statusCode(201);
        given().get("/api/v1/tasks/" + omitted).then().statusCode(200);
    }

    @Test
    void shouldKeepTheDefaultsOfOmittedPagingParameters() {
        given().get("/api/v1/runs").then().statusCode(200);
        given().get("/api/v1/bases").then().statusCode(200);
        given().get("/api/v1/freshness").then().statusCode(200);
        given().get("/api/v1/runs?page=&size=").then().statusCode(200);
    }
}
