package dev.drydock.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.drydock.front.RegistryFront;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replica that only builds: no API, no front, no watch; it joins only the workers' consumer groups. */
@QuarkusTest
@TestProfile(RolesTest.WorkerOnly.class)
class RolesTest {

    public static class WorkerOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drydock.roles", "worker");
        }
    }

    @Inject
    RegistryFront front;

    @Inject
    KafkaClientService kafka;

    @Test
    void shouldAnswerTheApiWithAProblemNamingTheRoles() {
        given().get("/api/v1/tasks").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("drydock.roles"))
                .body("detail", equalTo("this replica does not serve the API (drydock.roles=worker); use a replica "
                        + "with the api role"));
        given().get("/service/token").then().statusCode(404);
    }

    @Test
    void shouldJoinOnlyTheWorkersConsumerGroupsAndServeNoFront() {
        assertThat(kafka.getConsumer("rebuild-requests-in")).as("builds").isNotNull();
        assertThat(kafka.getConsumer("interactive-requests-in")).isNotNull();
        assertThat(kafka.getConsumer("import-requests-in")).as("imports").isNotNull();
        assertThat(kafka.getConsumer("base-changes-in")).as("the watch's triggers").isNull();
        assertThat(kafka.getConsumer("dashboard-run-events")).as("the dashboard").isNull();
        assertThat(front.port()).as("no registry front").isEqualTo(-1);
    }

    @Test
    void shouldSayItsRolesWhenReady() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'roles' }.data.roles", equalTo("worker"))
                .body("checks.find { it.name == 'roles' }.data.worker", equalTo(RolesHealthCheck.needs(Role.WORKER)));
    }
}
