package dev.drydock.rebuild.worker;

import static dev.drydock.rebuild.worker.RebuildTest.awaitFinished;
import static dev.drydock.rebuild.worker.RebuildTest.baseId;
import static dev.drydock.rebuild.worker.RebuildTest.log;
import static dev.drydock.rebuild.worker.RebuildTest.runs;
import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.foundation.BaseChangesRecorder;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLane;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A manual run does not wait behind a base change's fan-out: it has a lane of its own. */
@QuarkusTest
class FairnessTest {

    static final int FAN_OUT = 200;

    @Inject
    RunExecutor executor;

    @Inject
    BaseChangesRecorder kafka;

    @Test
    void shouldStartAManualRunWithinSecondsWhileA200TaskFanOutIsQueued() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("fan") + ":1";
        TestImages.push(base);
        String prefix = unique("fan-app");
        ExecutorService registrations = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = IntStream.range(0, FAN_OUT).<Future<?>>mapToObj(i -> registrations.submit(
                    () -> create(inlineTask(prefix + "-" + i, base)).statusCode(201))).toList();
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            registrations.shutdownNow();
        }
        String other = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("alone") + ":1";
        TestImages.push(other);
        String manual = unique("manual-app");
        create(inlineTask(manual, other)).statusCode(201);
        // Registering 200 tasks keeps the watch busy: give it time to record the base's digest.
        await().atMost(Duration.ofSeconds(120)).until(() -> RebuildTest.baseDigest(base) != null);
        long baseId = baseId(base);

        // The bulk workers are busy (paused here): the fan-out's requests wait in their lane, as behind long builds.
        executor.pause(RunLane.BULK);
        try {
            TestImages.push(base);
            given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200).body("changed", equalTo(true));
            await().atMost(Duration.ofSeconds(60)).until(() -> queuedFanOut(prefix).size() == FAN_OUT);
            // Sentinel: every request of the fan-out is in Kafka, ahead of the manual run's.
            List<String> fanOutRequests = queuedFanOut(prefix).stream().map(id -> "\"runId\":" + id + ",").toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> fanOutRequests.stream().allMatch(
                    id -> kafka.rebuildRequests().stream().anyMatch(r -> r.value().contains(id))));

            Instant asked = Instant.now();
            given().post("/api/v1/tasks/" + manual + "/runs").then().statusCode(202);
            // A few seconds, on a machine shared with other builds: the manual run only waits for its own request.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !"Queued".equals(runs(manual).get(0).get("status").asText()));
            System.out.printf("manual run started %d ms after it was asked for, %d fan-out runs still queued%n",
                    Duration.between(asked, Instant.now()).toMillis(), queuedFanOut(prefix).size());
            assertThat(queuedFanOut(prefix)).as("the fan-out is still waiting").hasSize(FAN_OUT);

            JsonNode run = awaitFinished(manual, 1).get(0);
            assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
        } finally {
            for (long id : queuedFanOut(prefix)) {
                given().post("/api/v1/runs/" + id + "/cancel");
            }
            executor.resume();
        }
    }

    private static List<Long> queuedFanOut(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> Run.<Run>list("taskName like ?1 and trigger = ?2 and status = ?3",
                prefix + "-%", RunTrigger.ImageUpdate, RunStatus.Queued).stream().map(r -> r.id).toList());
    }
}
