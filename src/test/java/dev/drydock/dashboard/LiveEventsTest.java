package dev.drydock.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.TestStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Events published on Kafka reach a signed-in browser's event stream. */
@QuarkusTest
class LiveEventsTest {

    /** The dashboard's consumers join their groups after start-up and read from then on: events before are not theirs. */
    private static final Duration JOIN = Duration.ofSeconds(60);

    @TestHTTPResource("/dashboard/events")
    URI events;

    @Test
    void shouldStreamTheEventOfARunQueuedThroughTheApi() throws Exception {
        String task = DashboardFixtures.task("dash-sse");
        try (SseClient sse = SseClient.open(events, DrydockStackResource.READ_TOKEN)) {
            assertThat(sse.contentType()).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.has("ready", "{}"));
            List<Long> created = new ArrayList<>();
            Instant giveUp = Instant.now().plus(JOIN);
            boolean seen = false;
            while (!seen && Instant.now().isBefore(giveUp)) {
                created.add(DashboardFixtures.runThroughApi(task));
                Instant wait = Instant.now().plusSeconds(5);
                while (!seen && Instant.now().isBefore(wait)) {
                    seen = created.stream().anyMatch(id -> sse.has("run", "\"runId\":" + id + ","));
                    Thread.sleep(100);
                }
            }
            assertThat(seen).as("a run event for one of runs %s on the stream; got %s", created, sse.events()).isTrue();
            SseClient.Event event = sse.events().stream().filter(e -> e.name().equals("run")
                    && e.data().contains("\"task\":\"" + task + "\"")).findFirst().orElseThrow();
            assertThat(event.id()).as("the CloudEvents id").isNotBlank();
            assertThat(event.data()).contains("\"status\":");
        }
    }

    @Test
    void shouldStreamABaseChange() throws Exception {
        String reference = TestStack.get().upstreamRegistry().host() + "/bases/" + TaskFixtures.unique("dash-live") + ":1";
        try (SseClient sse = SseClient.open(events, DrydockStackResource.ADMIN_TOKEN);
                KafkaProducer<String, String> producer = producer()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.has("ready", "{}"));
            Instant giveUp = Instant.now().plus(JOIN);
            while (!sse.has("base", reference) && Instant.now().isBefore(giveUp)) {
                producer.send(baseChanged(reference)).get();
                Instant wait = Instant.now().plusSeconds(5);
                while (!sse.has("base", reference) && Instant.now().isBefore(wait)) {
                    Thread.sleep(100);
                }
            }
            assertThat(sse.has("base", reference)).as("base event on the stream; got %s", sse.events()).isTrue();
        }
    }

    @Test
    void shouldStreamTheChangeOfACacheRuleMadeThroughTheApi() throws Exception {
        String rule = TaskFixtures.unique("dash-live-rule");
        String fragment = "\"rule\":\"" + rule + "\"";
        RestAssured.given().contentType(ContentType.JSON).body("{\"name\":\"" + rule
                + "\",\"source\":\"" + TestStack.get().upstreamRegistry().host() + "/" + rule + "\",\"target\":\"cache/"
                + rule + "\"}").post("/api/v1/cache-rules").then().statusCode(201);
        try (SseClient sse = SseClient.open(events, DrydockStackResource.READ_TOKEN)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.has("ready", "{}"));
            Instant giveUp = Instant.now().plus(JOIN);
            int seconds = 5;
            while (!sse.has("cache-rule", fragment) && Instant.now().isBefore(giveUp)) {
                RestAssured.given().contentType("application/merge-patch+json")
                        .body("{\"refresh\":\"PT" + seconds++ + "S\"}").patch("/api/v1/cache-rules/" + rule).then().statusCode(200);
                Instant wait = Instant.now().plusSeconds(5);
                while (!sse.has("cache-rule", fragment) && Instant.now().isBefore(wait)) {
                    Thread.sleep(100);
                }
            }
            assertThat(sse.has("cache-rule", fragment)).as("cache rule event on the stream; got %s", sse.events()).isTrue();
            assertThat(sse.events().stream().filter(e -> e.name().equals("cache-rule") && e.data().contains(fragment))
                    .findFirst().orElseThrow().data()).as("created, or updated by a later patch")
                    .containsPattern("\"change\":\"(created|updated)\"").contains("\"target\":\"cache/" + rule + "\"");
        }
    }

    private static ProducerRecord<String, String> baseChanged(String reference) {
        String data = "{\"reference\":\"" + reference + "\",\"previousDigest\":\"sha256:" + "1".repeat(64)
                + "\",\"digest\":\"sha256:" + "2".repeat(64) + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"detectedBy\":\"webhook\",\"detectedAt\":\"" + Instant.now() + "\"}";
        ProducerRecord<String, String> record = new ProducerRecord<>("drydock.base-changes", reference, data);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_type", "dev.drydock.base.changed".getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/test".getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.get().kafkaBootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
