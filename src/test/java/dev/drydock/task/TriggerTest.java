package dev.drydock.task;

import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.rebuild.worker.RunExecutor;
import dev.drydock.foundation.BaseChangesRecorder;
import dev.drydock.task.trigger.TimerScheduler;
import dev.drydock.task.trigger.TriggerService;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each trigger, end to end on the real stack, creates runs once. */
@QuarkusTest
class TriggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BaseChangesRecorder kafka;

    @Inject
    TimerScheduler timers;

    @Inject
    TriggerService triggers;

    @Inject
    RunExecutor workers;

    @Test
    void shouldQueueARunPinnedToTheNewDigestWhenTheBaseChanges() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("jre") + ":21";
        String first = TestImages.push(base).digest();
        String task = unique("app");
        create(inlineTask(task, base)).statusCode(201);
        long baseId = awaitBaseDigest(base, first);

        String second = TestImages.push(base).digest();
        given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200).body("changed", equalTo(true));

        JsonNode run = awaitRuns(task, 1).get(0);
        assertThat(run.get("trigger").asText()).isEqualTo("ImageUpdate");
        assertThat(run.get("status").asText()).isIn("Queued", "Started", "Running", "Succeeded");
        assertThat(run.get("pinned").get(base).asText()).isEqualTo(second);
        assertThat(run.get("cause").get(0).get("reference").asText()).isEqualTo(base);
        assertThat(run.get("cause").get(0).get("previousDigest").asText()).isEqualTo(first);
        assertThat(run.get("cause").get(0).get("digest").asText()).isEqualTo(second);
        long runId = run.get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.rebuildRequests().stream()
                .anyMatch(r -> r.key().equals(task) && r.value().contains("\"runId\":" + runId)));
        BaseChangesRecorder.Received request = kafka.rebuildRequests().stream().filter(r -> r.key().equals(task)).findFirst().orElseThrow();
        assertThat(request.headers()).containsEntry("ce_type", "dev.drydock.rebuild.requested");
        assertThat(JSON.readTree(request.value()).get("pinned").get(base).asText()).isEqualTo(second);
    }

    @Test
    void shouldCoalesceTwoQuickChangesIntoOneQueuedRunPinnedToTheNewest() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("burst") + ":1";
        String first = TestImages.push(base).digest();
        String task = unique("burst-app");
        create(inlineTask(task, base)).statusCode(201);
        long baseId = awaitBaseDigest(base, first);
        // Workers drained: the changes meet a Queued run, as they would while the task's previous build runs.
        workers.pause();
        try {
            coalesce(task, base, baseId);
        } finally {
            workers.resume();
        }
    }

    private void coalesce(String task, String base, long baseId) throws Exception {

        String second = TestImages.push(base).digest();
        given().post("/api/v1/bases/" + baseId + "/check").then().body("changed", equalTo(true));
        String third = TestImages.push(base).digest();
        given().post("/api/v1/bases/" + baseId + "/check").then().body("changed", equalTo(true));

        // Sentinel: a later change of the same base (same key, so consumed after the others). Once the run carries
        // it, every earlier change has been handled, and none may have made a second run.
        String sentinel = TestImages.push(base).digest();
        given().post("/api/v1/bases/" + baseId + "/check").then().body("changed", equalTo(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> runs(task).stream()
                .anyMatch(r -> sentinel.equals(r.path("pinned").path(base).asText())));
        List<JsonNode> runs = runs(task);
        assertThat(runs).as("all changes land in one run").hasSize(1);
        assertThat(runs.get(0).get("cause").toString()).contains(second).contains(third).contains(sentinel);
        assertThat(runs.get(0).get("pinned").get(base).asText()).isEqualTo(sentinel);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("Queued");
    }

    @Test
    void shouldHandleTheSameBaseChangeEventOnlyOnce() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("dup") + ":1";
        String task = unique("dup-app");
        create(inlineTask(task, base)).statusCode(201);
        String eventId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 2; i++) {
                producer.send(baseChange(base, eventId, "sha256:" + "1".repeat(64), "sha256:" + "2".repeat(64))).get();
            }
        }
        JsonNode run = awaitRuns(task, 1).get(0);
        assertThat(run.get("pinned").get(base).asText()).isEqualTo("sha256:" + "2".repeat(64));
        // Sentinel: a later change on the same key is consumed after both deliveries; once it shows in a run, the
        // duplicate has been handled too, and must have added nothing.
        String sentinel = "sha256:" + "3".repeat(64);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(baseChange(base, UUID.randomUUID().toString(), "sha256:" + "2".repeat(64), sentinel)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(task).stream().anyMatch(r -> r.get("cause").toString().contains(sentinel)));
        long handled = runs(task).stream().flatMap(r -> StreamSupport.stream(r.get("cause").spliterator(), false))
                .filter(c -> eventId.equals(c.path("eventId").asText())).count();
        assertThat(handled).as("the event, delivered twice, is one cause of one run").isEqualTo(1);
    }

    @Test
    void shouldQueueATimerRunOncePerFiring() {
        String task = unique("nightly");
        Map<String, Object> definition = new java.util.HashMap<>(inlineTask(task,
                TestStack.get().upstreamRegistry().host() + "/bases/" + unique("t") + ":1"));
        definition.put("triggers", Map.of("timers", List.of(Map.of("name", "nightly", "schedule", "0 3 * * 1-5"))));
        create(definition).statusCode(201);
        assertThat(timers.scheduled(task)).containsExactly("nightly");

        timers.fireNow(task, "nightly");

        JsonNode run = awaitRuns(task, 1).get(0);
        assertThat(run.get("trigger").asText()).isEqualTo("Timer");
        assertThat(run.get("cause").get(0).get("timer").asText()).isEqualTo("nightly");
        Instant firing = Instant.parse("2026-12-02T03:00:00Z");
        assertThat(triggers.timer(task, "nightly", firing)).isPresent();
        assertThat(triggers.timer(task, "nightly", firing)).as("the same firing again").isEmpty();
        assertThat(runs(task)).hasSize(2);
    }

    @Test
    void shouldRunManuallyAndCancelAQueuedRunAtOnce() {
        String task = unique("manual");
        create(inlineTask(task, TestStack.get().upstreamRegistry().host() + "/bases/" + unique("m") + ":1")).statusCode(201);
        workers.pause();
        try {
            cancelQueued(task);
        } finally {
            workers.resume();
        }
    }

    private void cancelQueued(String task) {
        long id = given().contentType(ContentType.JSON).body(Map.of("args", Map.of("A", "1")))
                .post("/api/v1/tasks/" + task + "/runs").then().statusCode(202)
                .body("trigger", equalTo("Manual")).body("status", equalTo("Queued"))
                .extract().jsonPath().getLong("id");
        given().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200).body("status", equalTo("Canceled"));
        given().post("/api/v1/runs/" + id + "/cancel").then().statusCode(409);
        given().get("/api/v1/runs?task=" + task + "&status=Canceled").then().statusCode(200).body("items.size()", equalTo(1)).body("total", equalTo(1));
        given().get("/api/v1/runs?status=Sideways").then().statusCode(400).body("field", equalTo("status"));
        given().post("/api/v1/tasks/nope-" + UUID.randomUUID() + "/runs").then().statusCode(404);
    }

    static long awaitBaseDigest(String reference, String digest) {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/v1/bases?size=500").then().extract()
                .jsonPath().getList("items.findAll { it.reference == '" + reference + "' }.digest").contains(digest));
        return given().get("/api/v1/bases?size=500").then().extract().jsonPath()
                .getLong("items.find { it.reference == '" + reference + "' }.id");
    }

    static List<JsonNode> runs(String task) {
        try {
            JsonNode list = JSON.readTree(given().get("/api/v1/runs?task=" + task).then().statusCode(200).extract().asString()).get("items");
            List<JsonNode> runs = new java.util.ArrayList<>();
            list.forEach(runs::add);
            return runs;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> awaitRuns(String task, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(task).size() >= n);
        return runs(task);
    }

    private static ProducerRecord<String, String> baseChange(String base, String eventId, String previous, String digest)
            throws Exception {
        String data = JSON.writeValueAsString(Map.of("reference", base, "previousDigest", previous, "digest", digest,
                "mediaType", "application/vnd.oci.image.manifest.v1+json", "detectedBy", "webhook",
                "detectedAt", Instant.now().toString()));
        ProducerRecord<String, String> record = new ProducerRecord<>("drydock.base-changes", base, data);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", eventId.getBytes(StandardCharsets.UTF_8))
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
