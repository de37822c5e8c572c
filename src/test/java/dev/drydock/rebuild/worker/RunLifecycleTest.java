package dev.drydock.rebuild.worker;

import static dev.drydock.rebuild.worker.RebuildTest.awaitFinished;
import static dev.drydock.rebuild.worker.RebuildTest.log;
import static dev.drydock.rebuild.worker.RebuildTest.runs;
import static dev.drydock.task.TaskFixtures.create;
import static dev.drydock.task.TaskFixtures.inlineTask;
import static dev.drydock.task.TaskFixtures.privateImage;
import static dev.drydock.task.TaskFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.task.Task;
import dev.drydock.task.run.Cause;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs end the right way when canceled, timed out, or when their worker dies. */
@QuarkusTest
class RunLifecycleTest {

    @Inject
    RunService runs;

    @Test
    void shouldEndARunAsTimeoutWhenItTakesLongerThanTheTaskAllows() throws Exception {
        try (HangingRegistry hanging = HangingRegistry.start()) {
            String task = unique("slow");
            create(RebuildTest.withTimeout(inlineTask(task, hanging.base()), 2)).statusCode(201);
            given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);

            JsonNode run = awaitFinished(task, 1).get(0);
            assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Timeout");
            assertThat(run.get("error").asText()).contains("timed out after 2 s");
            assertThat(took(run)).as("stopped at the task's timeout, not at the hung request's 30 s")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void shouldCancelARunningBuild() throws Exception {
        try (HangingRegistry hanging = HangingRegistry.start()) {
            String task = unique("cancel");
            create(inlineTask(task, hanging.base())).statusCode(201);
            long id = given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202).extract().jsonPath().getLong("id");
            await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(runs(task).get(0).get("status").asText()));

            given().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);

            JsonNode run = awaitFinished(task, 1).get(0);
            assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Canceled");
            assertThat(took(run)).as("stopped when canceled, not at the hung request's 30 s")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void shouldFinishARunWhoseWorkerDiedExactlyOnce() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("crash") + ":1";
        TestImages.push(base);
        String task = unique("crash-app");
        create(inlineTask(task, base)).statusCode(201);
        // A worker took the run, started building and died (kill -9): Running, with a lease nobody renews.
        long runId = QuarkusTransaction.requiringNew().call(() -> {
            Task t = Task.byName(task).orElseThrow();
            Run run = runs.create(new RunService.NewRun(t, RunTrigger.Manual, Cause.manual(Instant.now()), Map.of(),
                    null, null, Map.of(), "crash-test:" + task)).orElseThrow();
            run.status = RunStatus.Running;
            run.startedAt = Instant.now();
            run.leaseOwner = "dead-worker";
            run.leaseUntil = Instant.now().minusSeconds(1);
            run.attempt = 1;
            return run.id;
        });

        JsonNode run = awaitFinished(task, 1).get(0);
        assertThat(run.get("id").asLong()).isEqualTo(runId);
        assertThat(run.get("status").asText()).as(log(run)).isEqualTo("Succeeded");
        assertThat(run.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(runs(task)).hasSize(1);
        assertThat(Skopeo.inspect(privateImage(task)).get("Digest").asText()).isEqualTo(run.get("outputDigest").asText());
        assertThat(tags(privateImage(task))).isEqualTo("[\"latest\"]");
        String log = given().get("/api/v1/runs/" + runId + "/log").then().extract().asString();
        assertThat(log).contains("dead-worker stopped renewing its lease");
    }

    @Test
    void shouldIgnoreARedeliveredRequestForAFinishedRun() throws Exception {
        String base = TestStack.get().upstreamRegistry().host() + "/bases/" + unique("again") + ":1";
        TestImages.push(base);
        String task = unique("again-app");
        create(inlineTask(task, base)).statusCode(201);
        given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202);
        JsonNode done = awaitFinished(task, 1).get(0);

        new RunExecutorProbe().redeliver(done.get("id").asLong());

        JsonNode after = runs(task).get(0);
        assertThat(after.get("attempt").asInt()).isEqualTo(done.get("attempt").asInt());
        assertThat(after.get("status").asText()).isEqualTo(done.get("status").asText());
        assertThat(after.get("finishedAt").asText()).isEqualTo(done.get("finishedAt").asText());
    }

    private static String tags(String image) throws Exception {
        String host = image.substring(0, image.indexOf('/'));
        String repo = image.substring(image.indexOf('/') + 1, image.lastIndexOf(':'));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + host + "/v2/" + repo + "/tags/list")).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return body.substring(body.indexOf("\"tags\":") + 7, body.lastIndexOf('}'));
    }

    /** Delivers a rebuild request for a run again, as Kafka would after a crash before the acknowledgement. */
    static final class RunExecutorProbe {
        void redeliver(long runId) {
            io.quarkus.arc.Arc.container().instance(RunExecutor.class).get().execute(runId);
        }
    }

    private static Duration took(JsonNode run) {
        return Duration.between(java.time.Instant.parse(run.get("startedAt").asText()),
                java.time.Instant.parse(run.get("finishedAt").asText()));
    }

    /** A registry whose manifests answer HEAD at once but never send a GET body: builds FROM it hang. */
    record HangingRegistry(HttpServer server) implements AutoCloseable {
        static final String DIGEST = "sha256:" + "d".repeat(64);

        static HangingRegistry start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/v2/", exchange -> {
                if (exchange.getRequestMethod().equals("HEAD") && exchange.getRequestURI().getPath().contains("/manifests/")) {
                    exchange.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
                    exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                    exchange.sendResponseHeaders(200, -1);
                } else if (exchange.getRequestURI().getPath().equals("/v2/")) {
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(500, -1);
                }
                exchange.close();
            });
            server.start();
            return new HangingRegistry(server);
        }

        String base() {
            return "127.0.0.1:" + server.getAddress().getPort() + "/hang/base:1";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
