package dev.drydock.dashboard.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.DrydockStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the operator's proxy setting on (and the test client's address a trusted proxy), {@code X-Forwarded-Host} and
 * {@code -Proto} count: the forwarded host is the dashboard's own origin and a forwarded https marks the cookie
 * Secure. {@link DashboardSessionTest} shows the same headers counting for nothing without the setting.
 */
@QuarkusTest
@TestProfile(DashboardBehindProxyTest.BehindAProxy.class)
class DashboardBehindProxyTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void shouldTakeTheForwardedHostAsTheDashboardsOriginWhenTheProxySettingIsOn() {
        given().redirects().follow(false).header("Origin", "https://drydock.example")
                .header("X-Forwarded-Host", "drydock.example").header("X-Forwarded-Proto", "https")
                .formParam("token", DrydockStackResource.ADMIN_TOKEN).post("/login").then().statusCode(303);
        given().redirects().follow(false).header("Origin", "https://evil.example")
                .header("X-Forwarded-Host", "drydock.example").header("X-Forwarded-Proto", "https")
                .formParam("token", DrydockStackResource.ADMIN_TOKEN).post("/login").then().statusCode(403);
    }

    @Test
    void shouldMarkTheCookieSecureWhenTheProxySaysHttpsAndTheSettingIsOn() {
        Response response = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .formParam("token", DrydockStackResource.ADMIN_TOKEN).post("/login");
        response.then().statusCode(303);
        assertThat(response.getHeader("Set-Cookie")).containsIgnoringCase("Secure");
    }
}
