package dev.drydock.dashboard.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.DrydockStackResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The dashboard cookie is a revocable session id, never the API token; forwarded headers count for nothing here. */
@QuarkusTest
class DashboardSessionTest {

    @Inject
    AgroalDataSource db;

    @Test
    void shouldKeepASessionIdInTheCookieNotTheToken() throws Exception {
        String cookie = signIn(DrydockStackResource.ADMIN_TOKEN);
        assertThat(cookie).isNotBlank().doesNotContain(DrydockStackResource.ADMIN_TOKEN);
        assertThat(storedSessionsMentioning(cookie)).as("the id is stored only hashed").isZero();
        assertThat(storedSessionsMentioning(DrydockStackResource.ADMIN_TOKEN)).as("the token is not stored").isZero();
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/runs").then().statusCode(200);
    }

    @Test
    void shouldNotAcceptTheApiTokenItselfAsACookie() {
        given().redirects().follow(false).cookie(SessionCookie.NAME, DrydockStackResource.ADMIN_TOKEN).get("/runs")
                .then().statusCode(303);
    }

    @Test
    void shouldRevokeTheSessionOnSignOutSoACopiedCookieOpensNothing() {
        String cookie = signIn(DrydockStackResource.READ_TOKEN);
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/login/session").then().statusCode(204);
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).post("/logout").then().statusCode(303);
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/login/session").then().statusCode(401);
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/runs").then().statusCode(303);
    }

    @Test
    void shouldNotLetASignOutFromAnotherSiteEndTheSession() {
        String cookie = signIn(DrydockStackResource.READ_TOKEN);
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).header("Origin", "https://elsewhere.example")
                .post("/logout").then().statusCode(303);
        given().redirects().follow(false).cookie(SessionCookie.NAME, cookie).get("/login/session").then().statusCode(204);
    }

    @Test
    void shouldIgnoreForwardedHostAndProtoUnlessTheProxySettingIsOn() {
        // A post whose Origin matches only the claimed X-Forwarded-Host is from another site.
        given().redirects().follow(false).header("Origin", "https://evil.example").header("X-Forwarded-Host", "evil.example")
                .formParam("token", DrydockStackResource.ADMIN_TOKEN).post("/login").then().statusCode(403);
        Response response = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .formParam("token", DrydockStackResource.ADMIN_TOKEN).post("/login");
        response.then().statusCode(303);
        assertThat(response.getHeader("Set-Cookie")).as("a claimed https does not mark the cookie Secure")
                .doesNotContainIgnoringCase("Secure");
    }

    private static String signIn(String token) {
        String cookie = given().redirects().follow(false).formParam("token", token).post("/login")
                .then().statusCode(303).extract().cookie(SessionCookie.NAME);
        assertThat(cookie).isNotBlank();
        return cookie;
    }

    private long storedSessionsMentioning(String value) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM dashboard_session WHERE id_sha256 = '" + value.replace("'", "")
                        + "' OR token_sha256 = '" + value.replace("'", "") + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
