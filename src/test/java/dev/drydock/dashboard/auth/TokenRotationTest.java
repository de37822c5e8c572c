package dev.drydock.dashboard.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.security.ApiRole;
import dev.drydock.testing.DrydockStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating an API token (configuring a new one and restarting) ends the dashboard sessions opened with the old one,
 * on every replica: sessions live in PostgreSQL with the hash of the token they were opened with, and count only
 * while that is still the configured token. This profile is drydock after the admin and read tokens were rotated
 * away from the ones every other test signs in with.
 */
@QuarkusTest
@TestProfile(TokenRotationTest.Rotated.class)
class TokenRotationTest {

    static final String NEW_ADMIN_TOKEN = "rotated-admin-token";
    static final String NEW_READ_TOKEN = "rotated-read-token";

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drydock.api.admin-token", NEW_ADMIN_TOKEN, "drydock.api.read-token", NEW_READ_TOKEN);
        }
    }

    @Inject
    Sessions sessions;

    @Test
    void shouldEndSessionsOpenedWithTheTokensBeforeTheyWereRotated() {
        // What signing in stored before the rotation: a session opened with the old tokens.
        String oldAdmin = sessions.open(DrydockStackResource.ADMIN_TOKEN, ApiRole.ADMIN);
        String oldRead = sessions.open(DrydockStackResource.READ_TOKEN, ApiRole.READ);

        for (String cookie : new String[] {oldAdmin, oldRead}) {
            given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/login/session").then().statusCode(401);
            given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/runs").then().statusCode(303);
        }
        given().redirects().follow(false).formParam("token", DrydockStackResource.ADMIN_TOKEN).post("/login")
                .then().statusCode(401);
    }

    @Test
    void shouldOpenASessionWithTheNewToken() {
        String cookie = given().redirects().follow(false).formParam("token", NEW_ADMIN_TOKEN).post("/login")
                .then().statusCode(303).extract().cookie(SessionCookie.NAME);
        assertThat(cookie).isNotBlank();
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/runs").then().statusCode(200);
    }
}
