package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * After a kill -9, runs whose requests the dead process had consumed but not started are built by the new process
 * as soon as Kafka hands it the dead consumer's partitions: the consumer session timeout. Measured against Kafka's
 * default (45 s) in the same run; prints both. A measurement, so it runs only when asked for:
 * {@code ./mvnw -B verify -Dit.test=KilledReplicaRecoveryIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddrydock.measure.recovery=true}.
 */
@EnabledIfSystemProperty(named = "drydock.measure.recovery", matches = "true")
class KilledReplicaRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS = 5;

    @Test
    void shouldStartTheQueuedRunsOfAKilledReplicaWithinSecondsOfTheRestart() throws Exception {
        TestStack stack = TestStack.get();
        String base = stack.upstreamRegistry().host() + "/bases/heavy-queue:1";
        TestImages.builder().randomLayer(60 * 1024 * 1024).push(base);

        Duration baseline = queuedRunsStartAfterKill(stack, base, Map.of(
                "MP_MESSAGING_INCOMING_INTERACTIVE_REQUESTS_IN_SESSION_TIMEOUT_MS", "45000"));
        Duration now = queuedRunsStartAfterKill(stack, base, Map.of());

        System.out.printf("kill -9 → last queued run started: %d ms with a 45 s session (Kafka's default), %d ms now%n",
                baseline.toMillis(), now.toMillis());
        assertThat(now).isLessThan(Duration.ofSeconds(30));
    }

    /** Queues runs, kills drydock while the first are building, starts it again; time from kill to all started. */
    private static Duration queuedRunsStartAfterKill(TestStack stack, String base, Map<String, String> settings) throws Exception {
        Path logs = TestStack.workDir().resolve("it-logs");
        String prefix = "queued-" + UUID.randomUUID().toString().substring(0, 6);
        List<Long> runIds = new ArrayList<>();
        Instant killed;
        DrydockProcess first = DrydockProcess.start(stack, logs.resolve(prefix + "-first.log"), settings);
        try {
            for (int i = 0; i < RUNS; i++) {
                String name = prefix + "-" + i;
                String task = """
                        {"name":"%s","source":{"inline":{"files":{"Dockerfile":"FROM %s\\nCOPY a.txt /a.txt\\n","a.txt":"%s\\n"}}},
                         "images":["%s/apps/%s:latest"]}""".formatted(name, base, name, stack.privateRegistry().host(), name);
                assertThat(first.call("POST", "/api/v1/tasks", task).statusCode()).isEqualTo(201);
            }
            for (int i = 0; i < RUNS; i++) {
                runIds.add(JSON.readTree(first.call("POST", "/api/v1/tasks/" + prefix + "-" + i + "/runs", "{}").body()).get("id").asLong());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runIds.stream().anyMatch(id -> status(first, id).equals("Running")));
        } finally {
            first.kill9();
            killed = Instant.now();
        }
        try (DrydockProcess second = DrydockProcess.start(stack, logs.resolve(prefix + "-second.log"), settings)) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runIds.stream().noneMatch(id -> status(second, id).equals("Queued")));
            Duration started = Duration.between(killed, Instant.now());
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> runIds.stream().allMatch(id -> status(second, id).equals("Succeeded")));
            return started;
        }
    }

    private static String status(DrydockProcess drydock, long id) {
        try {
            JsonNode run = JSON.readTree(drydock.call("GET", "/api/v1/runs/" + id, null).body());
            return run.get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
