package dev.drydock.input;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** A POST carrying X-HTTP-Method-Override: PATCH is the PATCH the command line cannot send otherwise; nothing else is. */
@QuarkusTest
class MethodOverrideTest {

    @Test
    void shouldTreatAPostAskingForPatchAsThePatch() {
        boolean current = given().get("/api/v1/registry").then().statusCode(200)
                .extract().path("anonymousPullEnabled");
        String body = "{\"anonymousPullEnabled\": " + current + "}";

        given().contentType("application/merge-patch+json").body(body).post("/api/v1/registry")
                .then().statusCode(405);
        given().contentType("application/merge-patch+json").header("X-HTTP-Method-Override", "PATCH").body(body)
                .post("/api/v1/registry")
                .then().statusCode(200).body("anonymousPullEnabled", equalTo(current));
    }

    @Test
    void shouldRefuseAnOverrideToAnythingButPatch() {
        given().contentType(ContentType.JSON).header("X-HTTP-Method-Override", "DELETE").body("{}")
                .post("/api/v1/tokens/nobody")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("X-HTTP-Method-Override"))
                .body("detail", containsString("only to ask for PATCH"));
        given().header("X-HTTP-Method-Override", "PATCH").get("/api/v1/registry")
                .then().statusCode(400).body("field", equalTo("X-HTTP-Method-Override"));
    }
}
