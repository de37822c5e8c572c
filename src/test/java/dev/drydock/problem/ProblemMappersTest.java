package dev.drydock.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

    @Test
    void shouldReportADomainErrorAsProblemJsonNamingTheField() {
        given().post("/test/problem/domain/reference")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("field", equalTo("reference"))
                .body("detail", equalTo("reference is not acceptable here"));
    }

    @Test
    void shouldReportEachInvalidFieldOfAValidatedBody() {
        given().contentType(ContentType.JSON).body("{\"name\":\" \",\"count\":0}")
                .post("/test/problem/valid")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("count", "name"))
                .body("detail", containsString("name: "));
    }

    @Test
    void shouldReportMalformedJsonAsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .post("/test/problem/valid")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void shouldReportAWrongTypeNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"count\":\"many\"}")
                .post("/test/problem/valid")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("count"));
    }

    @Test
    void shouldAnswerAnUnknownPathWithProblemJson() {
        given().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
