package dev.drydock.rebuild.worker;

import static dev.drydock.rebuild.worker.RebuildTest.awaitFinished;
import static dev.drydock.rebuild.worker.RebuildTest.log;
import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.dashboard.DashboardFixtures;
import dev.drydock.outbox.Channels;
import dev.drydock.outbox.DeadLetters;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestRegistry;
import dev.drydock.testing.TestStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Workers wait out an outage of PostgreSQL or a registry; only requests that can never succeed are dead-lettered. */
@QuarkusTest
class OutageTest {

    @Inject
    RunExecutor executor;

    @Inject
    MeterRegistry meters;

    @Inject
    DeadLetters deadLetters;

    @Inject
    WorkerTopicsRecorder topics;

    @Test
    void shouldWaitOutAPostgresOutageWithoutDeadLetteringAnyRequest() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("pg-down") + ":1";
        TestImages.push(base);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String task = unique("pg-down-app");
            create(inlineTask(task, base)).statusCode(201);
            tasks.add(task);
        }
        long deadBefore = deadLetters.count(Channels.INTERACTIVE_REQUESTS_IN);
        double outagesBefore = outageRetries();
        executor.pause();
        List<Long> runIds = new ArrayList<>();
        for (String task : tasks) {
            runIds.add(given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202).extract().jsonPath().getLong("id"));
        }
        // Sentinel: every request is in Kafka, so the workers will consume them while PostgreSQL is away.
        await().atMost(Duration.ofSeconds(20)).until(() -> runIds.stream().allMatch(topics::requested));

        TestStack.get().stopPostgres();
        try {
            executor.resume();
            await().atMost(Duration.ofSeconds(30)).until(() -> outageRetries() > outagesBefore);
        } finally {
            executor.resume();
            TestStack.get().startPostgres();
        }
        Instant back = Instant.now();

        Instant lastFinished = Instant.MIN;
        for (String task : tasks) {
            JsonNode run = awaitFinished(task, 1).get(0);
            assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
            lastFinished = max(lastFinished, Instant.parse(run.get("finishedAt").asText()));
        }
        System.out.printf("PostgreSQL back → %d runs Succeeded: %d ms%n", tasks.size(), Duration.between(back, lastFinished).toMillis());
        assertThat(deadLetters.count(Channels.INTERACTIVE_REQUESTS_IN)).isEqualTo(deadBefore);
        assertThat(topics.deadLetters()).noneMatch(p -> runIds.stream().anyMatch(id -> p.contains("\"runId\":" + id + ",")));
    }

    @Test
    void shouldDeadLetterARequestForAnUnknownRunAndAnUnreadableOneAndCountThem() throws Exception {
        long before = deadLetters.count(Channels.REBUILD_REQUESTS_IN);
        String unknown = "{\"runId\":987654321012,\"task\":\"" + unique("ghost") + "\"}";
        String unreadable = "not json " + unique("garbage");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestStack.get().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("drydock.rebuild-requests", "ghost", unknown)).get();
            producer.send(new ProducerRecord<>("drydock.rebuild-requests", "ghost", unreadable)).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> topics.deadLetters().containsAll(List.of(unknown, unreadable)));
        assertThat(deadLetters.count(Channels.REBUILD_REQUESTS_IN)).isEqualTo(before + 2);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("drydock_dead_letters_total{channel=\"rebuild-requests-in\"");
        String runsPage = DashboardFixtures.asAdmin().get("/runs").then().statusCode(200).extract().asString();
        assertThat(runsPage).contains("id=\"dead-letters\"").contains("dead-lettered by this replica");
    }

    @Test
    void shouldRetryARunWhoseRegistryWasUnreachableAndSucceedOnceItIsBack() {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("reg-down") + ":1";
        TestImages.push(base);
        String task = unique("reg-down-app");
        create(inlineTask(task, base)).statusCode(201);

        TestRegistry registry = TestStack.get().privateRegistry();
        registry.stop();
        long runId;
        try {
            runId = given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202).extract().jsonPath().getLong("id");
            // Sentinel: the first attempt met the stopped registry and the run waits for its next one.
            await().atMost(Duration.ofSeconds(60)).until(() -> runLog(runId).contains("trying again in"));
        } finally {
            registry.start();
        }
        Instant back = Instant.now();

        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
        System.out.printf("private registry back → run Succeeded: %d ms (attempt %d)%n",
                Duration.between(back, Instant.parse(run.get("finishedAt").asText())).toMillis(), run.get("attempt").asInt());
        assertThat(run.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(runLog(runId)).contains("attempt 1 of 4 failed, a registry was unreachable");
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String runLog(long runId) {
        return given().get("/api/v1/runs/" + runId + "/log").then().statusCode(200).extract().asString();
    }

    private double outageRetries() {
        return meters.find("drydock.outage.retries").counters().stream().mapToDouble(Counter::count).sum();
    }
}
