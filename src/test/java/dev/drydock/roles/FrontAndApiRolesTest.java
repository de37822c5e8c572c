package dev.drydock.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.front.RegistryFront;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replica that serves pulls and the API but never builds: no worker consumer group, the front and token service on. */
@QuarkusTest
@TestProfile(FrontAndApiRolesTest.FrontAndApi.class)
class FrontAndApiRolesTest {

    public static class FrontAndApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drydock.roles", "api,registry-front");
        }
    }

    @Inject
    RegistryFront front;

    @Inject
    KafkaClientService kafka;

    @Test
    void shouldServeTheApiAndTheFrontButNotBuild() {
        given().get("/api/v1/tasks").then().statusCode(200);
        assertThat(front.port()).isPositive();
        given().baseUri("http://127.0.0.1:" + front.port()).get("/v2/").then().statusCode(401);
        assertThat(kafka.getConsumer("rebuild-requests-in")).as("builds").isNull();
        assertThat(kafka.getConsumer("import-requests-in")).as("imports").isNull();
        assertThat(kafka.getConsumer("base-changes-in")).as("the watch's triggers").isNull();
        assertThat(kafka.getConsumer("dashboard-run-events")).as("the dashboard's live view").isNotNull();
    }
}
