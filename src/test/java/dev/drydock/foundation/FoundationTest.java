package dev.drydock.foundation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.equalTo;

import dev.drydock.outbox.EventType;
import dev.drydock.outbox.Outbox;
import dev.drydock.outbox.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** drydock boots against real PostgreSQL, Kafka and registries, and each of them really works. */
@QuarkusTest
class FoundationTest {

    @Inject
    EntityManager em;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    Outbox outbox;

    @Inject
    BaseChangesRecorder recorder;

    @Test
    void shouldMigrateTheSchemaWithFlyway() {
        List<Object> versions = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank", Object.class).getResultList());
        assertThat(versions).contains("1", "2");
        Number quartzTables = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz_%'").getSingleResult());
        assertThat(quartzTables.intValue()).isEqualTo(11);
    }

    @Test
    void shouldRoundTripARowThroughAMigratedTable() {
        UUID eventId = UUID.randomUUID();
        boolean first = QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("foundation-test", eventId));
        boolean second = QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("foundation-test", eventId));
        Object stored = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT consumer FROM processed_event WHERE event_id = :id").setParameter("id", eventId).getSingleResult());

        assertThat(first).as("first delivery is new").isTrue();
        assertThat(second).as("second delivery is a duplicate").isFalse();
        assertThat(stored).isEqualTo("foundation-test");
    }

    @Test
    void shouldDeliverAnOutboxEventToASmallRyeConsumerAsACloudEvent() {
        String reference = "127.0.0.1:5999/foundation/" + UUID.randomUUID() + ":1";
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.append(EventType.BASE_CHANGED, reference, reference,
                Map.of("reference", reference, "digest", "sha256:" + "a".repeat(64))));

        BaseChangesRecorder.Received received = await().atMost(Duration.ofSeconds(30)).until(
                () -> recorder.received().stream().filter(r -> r.key().equals(reference)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();

        assertThat(received.headers()).containsEntry("ce_id", id.toString())
                .containsEntry("ce_type", "dev.drydock.base.changed")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_subject", reference);
        assertThat(received.value()).contains("\"reference\":\"" + reference + "\"");
        Object publishedAt = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT published_at FROM outbox_event WHERE id = :id").setParameter("id", id).getSingleResult());
        assertThat(publishedAt).as("the relay marks the row published").isNotNull();
    }

    @Test
    void shouldBeReadyWithDatabaseKafkaAndRegistryChecksUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Kafka connection health check", "private registry"));
    }
}
