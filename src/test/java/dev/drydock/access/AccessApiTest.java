package dev.drydock.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.drydock.task.TaskFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry setting, scope maps, tokens and passwords through the API. */
@QuarkusTest
class AccessApiTest {

    @AfterEach
    void closeAnonymousPull() {
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":false}").patch("/api/v1/registry")
                .then().statusCode(200);
    }

    static String scopeMap(String name, String repository, String... actions) {
        String list = String.join("\",\"", actions);
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"repositories\":[{\"repository\":\""
                + repository + "\",\"actions\":[\"" + list + "\"]}]}")
                .post("/api/v1/scope-maps").then().statusCode(201);
        return name;
    }

    static String token(String name, String scopeMap) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"scopeMap\":\"" + scopeMap + "\"}")
                .post("/api/v1/tokens").then().statusCode(201);
        return name;
    }

    @Test
    void shouldKeepAnonymousPullOffByDefaultAndTurnItOnAndOff() {
        given().get("/api/v1/registry").then().statusCode(200)
                .body("anonymousPullEnabled", equalTo(false)).body("tokenService", equalTo("drydock-registry"));
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":true}").patch("/api/v1/registry")
                .then().statusCode(200).body("anonymousPullEnabled", equalTo(true));
        given().get("/api/v1/registry").then().statusCode(200).body("anonymousPullEnabled", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":false}").patch("/api/v1/registry")
                .then().statusCode(200).body("anonymousPullEnabled", equalTo(false)).body("warnings", empty());
    }

    @Test
    void shouldWarnWhenAnonymousPullMakesTokensReadLimitsMoot() {
        String map = scopeMap(TaskFixtures.unique("warn"), "warn/*", "content/read");
        token(TaskFixtures.unique("warn-token"), map);
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":true}").patch("/api/v1/registry")
                .then().statusCode(200).body("warnings", hasItem(AnonymousPull.TOKENS_MOOT));
        given().get("/api/v1/registry").then().body("warnings", hasItem(AnonymousPull.TOKENS_MOOT));
        String page = dev.drydock.dashboard.DashboardFixtures.asAdmin().get("/").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"registry-access\"").contains("anonymous pull <strong>on</strong>")
                .contains("id=\"registry-warning\"").contains("no longer limit who can pull");
    }

    @Test
    void shouldCreateListChangeAndDeleteAScopeMap() {
        String name = TaskFixtures.unique("team");
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"description\":\"team a\",\"repositories\":["
                + "{\"repository\":\"team-a/*\",\"actions\":[\"content/write\",\"content/read\"]},"
                + "{\"repository\":\"shared/base\",\"actions\":[\"metadata/read\"]}]}")
                .post("/api/v1/scope-maps").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/scope-maps/" + name))
                .body("repositories[0].repository", equalTo("team-a/*"))
                .body("repositories[0].actions", contains("content/read", "content/write"))
                .body("created", notNullValue());
        JsonPath page = given().queryParam("size", 500).get("/api/v1/scope-maps").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.name", String.class)).contains(name);
        assertThat(page.getInt("total")).isGreaterThanOrEqualTo(1);
        assertThat(page.getInt("size")).isEqualTo(500);

        given().contentType(ContentType.JSON).body("{\"repositories\":[{\"repository\":\"team-b/app\",\"actions\":[\"content/read\"]}]}")
                .patch("/api/v1/scope-maps/" + name).then().statusCode(200)
                .body("description", equalTo("team a")).body("repositories", hasSize(1))
                .body("repositories[0].repository", equalTo("team-b/app"));
        given().delete("/api/v1/scope-maps/" + name).then().statusCode(204);
        given().get("/api/v1/scope-maps/" + name).then().statusCode(404);
    }

    @Test
    void shouldRefuseToDeleteAScopeMapATokenUses() {
        String map = scopeMap(TaskFixtures.unique("used"), "used/*", "content/read");
        String token = token(TaskFixtures.unique("user"), map);
        given().delete("/api/v1/scope-maps/" + map).then().statusCode(409).contentType("application/problem+json");
        given().delete("/api/v1/tokens/" + token).then().statusCode(204);
        given().delete("/api/v1/scope-maps/" + map).then().statusCode(204);
    }

    @Test
    void shouldGenerateAPasswordOnceAndShowOnlyItsDates() {
        String map = scopeMap(TaskFixtures.unique("pw"), "pw/*", "content/read");
        String token = token(TaskFixtures.unique("pw-token"), map);
        given().get("/api/v1/tokens/" + token).then().statusCode(200)
                .body("status", equalTo("enabled")).body("scopeMap", equalTo(map)).body("passwords", empty());
        JsonPath created = given().contentType(ContentType.JSON).body("{\"name\":\"password1\",\"expiresInDays\":30}")
                .post("/api/v1/tokens/" + token + "/passwords").then().statusCode(201)
                .body("username", equalTo(token)).body("name", equalTo("password1")).body("expires", notNullValue())
                .extract().jsonPath();
        assertThat(created.getString("value")).hasSizeGreaterThanOrEqualTo(40);
        given().contentType(ContentType.JSON).body("{\"name\":\"password2\"}")
                .post("/api/v1/tokens/" + token + "/passwords").then().statusCode(201).body("expires", nullValue());

        String shown = given().get("/api/v1/tokens/" + token).then().statusCode(200)
                .body("passwords.name", contains("password1", "password2")).extract().asString();
        assertThat(shown).doesNotContain(created.getString("value")).doesNotContain("pbkdf2");
        given().get("/api/v1/tokens").then().statusCode(200).body("items.name", hasItem(token));

        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200).body("status", equalTo("disabled"));
    }

    @Test
    void shouldServeTheTokenEndpointWithoutTheApiTokenAndKeepItOutOfTheApiDocument() {
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("nobody:wrong".getBytes()))
                .get("/service/token?service=drydock-registry&scope=repository:x/y:pull")
                .then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(document).doesNotContain("/service/token").contains("/api/v1/scope-maps", "/api/v1/tokens");
    }
}
