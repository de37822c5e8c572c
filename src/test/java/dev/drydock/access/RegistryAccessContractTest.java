package dev.drydock.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the registry front relies on: identify a request's caller, then ask per request whether it may act. */
@QuarkusTest
class RegistryAccessContractTest {

    @Inject
    RegistryAccess access;

    @Inject
    Credentials credentials;

    @AfterEach
    void closeAnonymousPull() {
        TokenEndpointTest.anonymousPull(false);
    }

    static String bearer(String basic, String... scopes) {
        return "Bearer " + TokenEndpointTest.ask(basic, scopes).then().statusCode(200).extract().<String>path("token");
    }

    @Test
    void shouldIdentifyATokensHolderAndRefuseItAtOnceWhenDisabledThoughItsJwtIsUnexpired() {
        String token = TaskFixtures.unique("front");
        String password = TokenEndpointTest.teamToken(token, "team-f");
        String header = bearer(TokenEndpointTest.basic(token, password), "repository:team-f/app:pull,push");

        RegistryCaller caller = access.identify(header).orElseThrow();
        assertThat(caller).isEqualTo(new RegistryCaller(RegistryCaller.Kind.TOKEN, token));
        assertThat(access.allows(caller, "team-f/app", RepositoryAction.CONTENT_WRITE)).isTrue();
        assertThat(access.allows(caller, "team-f/app", RepositoryAction.METADATA_READ)).isTrue();
        assertThat(access.allows(caller, "team-f/app", RepositoryAction.CONTENT_DELETE)).isFalse();
        assertThat(access.allows(caller, "team-g/app", RepositoryAction.CONTENT_READ)).isFalse();

        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200);
        assertThat(access.allows(caller, "team-f/app", RepositoryAction.CONTENT_READ)).as("the next request").isFalse();
    }

    @Test
    void shouldAnswerFromMemoryOnlyOnceATokenIsKnownAndNotAfterAChangeCommitted() {
        String token = TaskFixtures.unique("memory");
        String password = TokenEndpointTest.teamToken(token, "team-m");
        String header = bearer(TokenEndpointTest.basic(token, password), "repository:team-m/app:pull");
        assertThat(access.inMemory(header)).as("a token never verified").isEmpty();

        RegistryCaller caller = access.identify(header).orElseThrow();
        RegistryAccess inMemory = access.inMemory(header).orElseThrow();
        assertThat(inMemory.identify(header)).contains(caller);
        assertThat(inMemory.allows(caller, "team-m/app", RepositoryAction.CONTENT_READ)).isTrue();
        assertThat(inMemory.allows(caller, "team-n/app", RepositoryAction.CONTENT_READ)).isFalse();
        String basic = TokenEndpointTest.basic(token, password);
        assertThat(access.inMemory(basic).orElseThrow().identify(basic))
                .as("Basic credentials are not the registry's: refused without a check").isEmpty();
        assertThat(access.inMemory("Bearer not-a-jwt")).as("an unknown bearer token needs its signature checked").isEmpty();

        given().contentType(ContentType.JSON).body("{\"status\":\"disabled\"}").patch("/api/v1/tokens/" + token)
                .then().statusCode(200);
        assertThat(access.inMemory(header)).as("the snapshot after a change commits").isEmpty();
        assertThat(access.allows(caller, "team-m/app", RepositoryAction.CONTENT_READ)).isFalse();
        assertThat(access.inMemory(header).orElseThrow().allows(caller, "team-m/app", RepositoryAction.CONTENT_READ))
                .as("read again, then in memory").isFalse();
    }

    @Test
    void shouldRefuseAnonymousCallersAtOnceWhenAnonymousPullIsTurnedOff() {
        assertThat(access.identify(null)).contains(RegistryCaller.ANONYMOUS);
        assertThat(access.allows(RegistryCaller.ANONYMOUS, "any/app", RepositoryAction.CONTENT_READ)).isFalse();
        TokenEndpointTest.anonymousPull(true);
        String header = bearer(null, "repository:any/app:pull");
        assertThat(access.identify(header)).contains(RegistryCaller.ANONYMOUS);
        assertThat(access.allows(RegistryCaller.ANONYMOUS, "any/app", RepositoryAction.CONTENT_READ)).isTrue();
        assertThat(access.allows(RegistryCaller.ANONYMOUS, "any/app", RepositoryAction.METADATA_READ)).isTrue();
        assertThat(access.allows(RegistryCaller.ANONYMOUS, "any/app", RepositoryAction.CONTENT_WRITE)).isFalse();
        TokenEndpointTest.anonymousPull(false);
        assertThat(access.allows(RegistryCaller.ANONYMOUS, "any/app", RepositoryAction.CONTENT_READ)).isFalse();
    }

    @Test
    void shouldIdentifyOnlyAccessTokensItSigned() {
        String admin = bearer(TokenEndpointTest.basic("root", "test-admin-token"), "repository:x/y:*");
        assertThat(access.identify(admin)).hasValueSatisfying(c -> assertThat(c.kind()).isEqualTo(RegistryCaller.Kind.ADMIN));
        String refresh = given().header("Authorization", TokenEndpointTest.basic("root", "test-admin-token"))
                .queryParam("offline_token", "true").get("/service/token").then().statusCode(200).extract().path("refresh_token");
        assertThat(access.identify("Bearer " + refresh)).as("a refresh token").isEmpty();
        assertThat(access.identify("Bearer " + admin.substring(7, admin.length() - 4) + "AAAA")).as("a forged signature").isEmpty();
        assertThat(access.identify("Bearer not-a-jwt")).isEmpty();
        assertThat(access.identify(TokenEndpointTest.basic("root", "test-admin-token"))).as("Basic").isEmpty();
        assertThat(access.challenge("repository:x/y:pull"))
                .startsWith("Bearer realm=\"").contains("service=\"drydock-registry\"", "scope=\"repository:x/y:pull\"");
    }

    @Test
    void shouldHashAPasswordOnceForABurstOfTokenRequests() {
        String token = TaskFixtures.unique("burst");
        String password = TokenEndpointTest.teamToken(token, "team-b");
        long first = System.nanoTime();
        assertThat(credentials.prove(token, password)).isPresent();
        long firstMicros = (System.nanoTime() - first) / 1000;
        long next = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(credentials.prove(token, password)).isPresent();
        }
        long nextMicros = (System.nanoTime() - next) / 1000 / 100;
        assertThat(credentials.prove(token, password + "x")).isEmpty();
        System.out.printf("password check: first %d us, remembered %d us each%n", firstMicros, nextMicros);
    }
}
