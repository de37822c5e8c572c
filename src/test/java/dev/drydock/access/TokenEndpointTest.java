package dev.drydock.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestSigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token endpoint over HTTP: who gets which scopes, refresh tokens, and what is refused. */
@QuarkusTest
class TokenEndpointTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void closeAnonymousPull() {
        anonymousPull(false);
    }

    static void anonymousPull(boolean enabled) {
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":" + enabled + "}").patch("/api/v1/registry")
                .then().statusCode(200);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Response ask(String authorization, String... scopes) {
        var request = given().header("Authorization", authorization == null ? "" : authorization)
                .queryParam("service", "drydock-registry");
        for (String scope : scopes) {
            request.queryParam("scope", scope);
        }
        return request.get("/service/token");
    }

    /** The {@code access} claim as "type:name:actions" strings. */
    static List<String> access(String jwt) throws Exception {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        List<String> out = new ArrayList<>();
        for (JsonNode grant : claims.path("access")) {
            List<String> actions = new ArrayList<>();
            grant.path("actions").forEach(a -> actions.add(a.asText()));
            out.add(grant.path("type").asText() + ":" + grant.path("name").asText() + ":" + String.join(",", actions));
        }
        return out;
    }

    /** A token whose scope map allows {@code team/*} read and write; answers its password1. */
    static String teamToken(String token, String team) {
        AccessApiTest.scopeMap(token + "-map", team + "/*", "content/read", "content/write", "metadata/read");
        AccessApiTest.token(token, token + "-map");
        return given().contentType(ContentType.JSON).body("{\"name\":\"password1\"}")
                .post("/api/v1/tokens/" + token + "/passwords").then().statusCode(201).extract().path("value");
    }

    @Test
    void shouldGrantTheAdminAndTheServiceIdentityEverythingTheyAskFor() throws Exception {
        Response admin = ask(basic("anyone", "test-admin-token"), "repository:x/y:pull,push,delete", "registry:catalog:*");
        admin.then().statusCode(200);
        assertThat(access(admin.path("token"))).containsExactly("repository:x/y:pull,push,delete", "registry:catalog:*");
        assertThat(admin.<String>path("access_token")).isEqualTo(admin.path("token"));
        assertThat(admin.<Integer>path("expires_in")).isEqualTo(300);

        Response service = ask(basic(TestSigningKey.SERVICE_USERNAME, TestSigningKey.SERVICE_PASSWORD), "repository:a/b:*");
        service.then().statusCode(200);
        assertThat(access(service.path("token"))).containsExactly("repository:a/b:*");
    }

    @Test
    void shouldGrantATokenTheIntersectionOfWhatItAskedAndItsScopeMapNamingTheRepositoriesAsked() throws Exception {
        String token = TaskFixtures.unique("grant");
        String password = teamToken(token, "team-a");
        Response answer = ask(basic(token, password), "repository:team-a/app:pull,push,delete",
                "repository:team-a/deep/er:pull", "repository:team-b/app:pull", "registry:catalog:*");
        answer.then().statusCode(200);
        assertThat(access(answer.path("token"))).containsExactly("repository:team-a/app:pull,push",
                "repository:team-a/deep/er:pull", "registry:catalog:*");
    }

    @Test
    void shouldRefuseWrongPasswordsDisabledTokensAndExpiredPasswords() {
        String token = TaskFixtures.unique("refuse");
        String password = teamToken(token, "team-r");
        ask(basic(token, "wrong"), "repository:team-r/app:pull").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        ask(basic(token, password), "repository:team-r/app:pull").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200);
        ask(basic(token, password), "repository:team-r/app:pull").then().statusCode(401);
    }

    @Test
    void shouldRefreshWhileTheTokenIsEnabledAndRefuseOnceItIsDisabled() throws Exception {
        String token = TaskFixtures.unique("refresh");
        String password = teamToken(token, "team-f");
        String refresh = given().header("Authorization", basic(token, password))
                .queryParam("service", "drydock-registry").queryParam("offline_token", "true").queryParam("client_id", "docker")
                .get("/service/token").then().statusCode(200).extract().path("refresh_token");
        assertThat(refresh).isNotBlank();

        Response refreshed = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh).formParam("service", "drydock-registry").formParam("client_id", "docker")
                .formParam("scope", "repository:team-f/app:pull,push").post("/service/token");
        refreshed.then().statusCode(200);
        assertThat(access(refreshed.path("access_token"))).containsExactly("repository:team-f/app:pull,push");

        // A refresh token is no access token: the registry front does not take it.
        assertThat(ask(basic(token, password)).statusCode()).isEqualTo(200);
        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh).formParam("service", "drydock-registry").post("/service/token")
                .then().statusCode(401);
    }

    @Test
    void shouldTakeOAuthPasswordGrantsAndRefuseOtherGrantTypesNamingTheField() throws Exception {
        String token = TaskFixtures.unique("oauth");
        String password = teamToken(token, "team-o");
        Response answer = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", token).formParam("password", password).formParam("access_type", "offline")
                .formParam("scope", "repository:team-o/app:pull").formParam("service", "drydock-registry").post("/service/token");
        answer.then().statusCode(200);
        assertThat(answer.<String>path("refresh_token")).isNotBlank();
        assertThat(access(answer.path("access_token"))).containsExactly("repository:team-o/app:pull");

        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/service/token").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("grant_type"));
        ask(null).then().statusCode(401);
        given().queryParam("service", "another").get("/service/token").then().statusCode(400).body("field", equalTo("service"));
    }

    @Test
    void shouldGiveAnonymousCallersPullOnlyWhileAnonymousPullIsOn() throws Exception {
        ask(null, "repository:open/app:pull").then().statusCode(401);
        anonymousPull(true);
        Response answer = ask(null, "repository:open/app:pull,push", "registry:catalog:*", "repository:open/app:delete");
        answer.then().statusCode(200);
        assertThat(access(answer.path("token"))).containsExactly("repository:open/app:pull");
        anonymousPull(false);
        ask(null, "repository:open/app:pull").then().statusCode(401);
    }
}
