package dev.drydock.watch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.foundation.BaseChangesRecorder;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Watching bases on the real stack: polling, the API, and what reaches Kafka. */
@QuarkusTest
class WatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BaseChangesRecorder kafka;

    @Inject
    EntityManager em;

    @Test
    void shouldAnnounceAChangeFoundByPollingExactlyOnce() throws Exception {
        String reference = upstream("poll") + ":1";
        String first = TestImages.push(reference).digest();
        long id = track(reference, 10);
        awaitDigest(id, first);

        String second = TestImages.push(reference).digest();

        List<JsonNode> events = awaitEvents(reference, 1, Duration.ofSeconds(30));
        assertThat(events.get(0).get("previousDigest").asText()).isEqualTo(first);
        assertThat(events.get(0).get("digest").asText()).isEqualTo(second);
        assertThat(events.get(0).get("detectedBy").asText()).isEqualTo("poll");
        assertThat(events.get(0).get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        // Let at least one more poll run over the changed base: it must not announce the change again.
        String changedAt = base(id).get("lastCheckedAt").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !base(id).get("lastCheckedAt").asText().equals(changedAt));
        assertThat(eventsFor(reference)).hasSize(1);
    }

    @Test
    void shouldAnswerCheckNowWithTheNewDigest() {
        String reference = upstream("checknow") + ":stable";
        String first = TestImages.push(reference).digest();
        long id = track(reference, 3600);
        awaitDigest(id, first);
        String second = TestImages.push(reference).digest();

        given().post("/api/v1/bases/" + id + "/check").then().statusCode(200)
                .body("changed", equalTo(true))
                .body("previousDigest", equalTo(first))
                .body("digest", equalTo(second))
                .body("status", equalTo("ok"));
        given().post("/api/v1/bases/" + id + "/check").then().statusCode(200)
                .body("changed", equalTo(false))
                .body("digest", equalTo(second));
        assertThat(awaitEvents(reference, 1, Duration.ofSeconds(20)).get(0).get("detectedBy").asText()).isEqualTo("manual");
    }

    @Test
    void shouldDeliverAChangeDetectedWhileKafkaIsDownOnceKafkaReturns() {
        String reference = upstream("outage") + ":1";
        String first = TestImages.push(reference).digest();
        long id = track(reference, 3600);
        awaitDigest(id, first);
        String second;
        TestStack.get().stopKafka();
        try {
            second = TestImages.push(reference).digest();
            given().post("/api/v1/bases/" + id + "/check").then().statusCode(200).body("changed", equalTo(true));
            // The change is committed with its event; the event waits in the outbox while Kafka is away.
            Object waiting = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT count(*) FROM outbox_event WHERE event_key = :key AND published_at IS NULL")
                    .setParameter("key", reference).getSingleResult());
            assertThat(((Number) waiting).intValue()).isEqualTo(1);
        } finally {
            TestStack.get().startKafka();
        }
        List<JsonNode> events = awaitEvents(reference, 1, Duration.ofSeconds(90));
        assertThat(events.get(0).get("previousDigest").asText()).isEqualTo(first);
        assertThat(events.get(0).get("digest").asText()).isEqualTo(second);
    }

    @Test
    void shouldRejectAnInvalidReferenceNamingTheFieldAndStoreNothing() {
        long before = count();
        given().contentType(ContentType.JSON).body(Map.of("reference", "Upper/Case:1"))
                .post("/api/v1/bases").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("reference"))
                .body("detail", org.hamcrest.Matchers.containsString("lower-case"));
        given().contentType(ContentType.JSON).body(Map.of("reference", "nginx@sha256:" + "a".repeat(64)))
                .post("/api/v1/bases").then().statusCode(400).body("field", equalTo("reference"));
        given().contentType(ContentType.JSON).body(Map.of("reference", "nginx:1", "intervalSeconds", 5))
                .post("/api/v1/bases").then().statusCode(400).body("field", equalTo("intervalSeconds"));
        given().contentType(ContentType.JSON).body(Map.of("reference", "nginx:1", "platform", "linux"))
                .post("/api/v1/bases").then().statusCode(400).body("field", equalTo("platform"));
        given().contentType(ContentType.JSON).body(Map.of("reference", "nginx:1", "credentials", "nope"))
                .post("/api/v1/bases").then().statusCode(400).body("field", equalTo("credentials"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldAnswerADuplicateWithTheExistingBase() {
        String reference = upstream("dup") + ":1";
        long id = track(reference, 600);
        given().contentType(ContentType.JSON).body(Map.of("reference", reference))
                .post("/api/v1/bases").then().statusCode(200).body("id", equalTo((int) id));
        given().get("/api/v1/bases/" + id).then().statusCode(200).body("reference", equalTo(reference));
    }

    @Test
    void shouldListByStatusAndDelete() {
        String reference = upstream("missing") + ":nope";
        long id = track(reference, 600);
        await().atMost(Duration.ofSeconds(15)).until(() -> "not-found".equals(base(id).get("status").asText()));
        given().get("/api/v1/bases?status=not-found&size=500").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem((int) id));
        given().get("/api/v1/bases?status=sideways").then().statusCode(400).body("field", equalTo("status"));
        given().delete("/api/v1/bases/" + id).then().statusCode(204);
        given().get("/api/v1/bases/" + id).then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    static String upstream(String name) {
        return TestStack.get().upstreamRegistry().host() + "/watch/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long track(String reference, int intervalSeconds) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "intervalSeconds", intervalSeconds))
                .post("/api/v1/bases").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static JsonNode base(long id) throws Exception {
        return JSON.readTree(given().get("/api/v1/bases/" + id).then().statusCode(200).extract().asString());
    }

    static void awaitDigest(long id, String digest) {
        await().atMost(Duration.ofSeconds(15)).until(() -> digest.equals(base(id).path("digest").asText()));
    }

    private long count() {
        return given().get("/api/v1/bases?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    List<JsonNode> eventsFor(String reference) {
        return eventsFor(kafka, reference);
    }

    List<JsonNode> awaitEvents(String reference, int n, Duration timeout) {
        return awaitEvents(kafka, reference, n, timeout);
    }

    static List<JsonNode> eventsFor(BaseChangesRecorder kafka, String reference) {
        return kafka.received().stream().filter(r -> r.key().equals(reference)).map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static List<JsonNode> awaitEvents(BaseChangesRecorder kafka, String reference, int n, Duration timeout) {
        await().atMost(timeout).until(() -> eventsFor(kafka, reference).size() >= n);
        return eventsFor(kafka, reference);
    }
}
