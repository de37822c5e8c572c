package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The packaged drydock is killed with SIGKILL, or stopped with SIGTERM, in the middle of a build; a new process
 * finishes the run: Succeeded, one image for it, nothing left Running.
 */
class KilledDuringBuildIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = TestStack.workDir().resolve("it-logs");

    @Test
    void shouldFinishARunWhoseProcessWasKilledMidBuildExactlyOnce() throws Exception {
        recoversAfter("survivor", DrydockProcess::kill9);
    }

    /** A stopping service (SIGTERM, a rolling update) does not cancel the builds in flight: they are built again. */
    @Test
    void shouldBuildARunAgainWhenItsProcessStoppedGracefullyMidBuild() throws Exception {
        assertThat(recoversAfter("restarted", DrydockProcess::stop)).contains("is stopping; the run will be built again");
    }

    /** How the first process ends while it builds. */
    @FunctionalInterface
    private interface Ending {
        void end(DrydockProcess drydock) throws Exception;
    }

    /** A first process ends mid-build; a second one builds the run exactly once. Returns the run's log. */
    private static String recoversAfter(String name, Ending ending) throws Exception {
        TestStack stack = TestStack.get();
        long runId;
        DrydockProcess first = DrydockProcess.start(stack, LOGS.resolve(name + "-first.log"));
        try {
            runId = startLongBuild(stack, first, name);
        } finally {
            ending.end(first);
        }
        try (DrydockProcess second = DrydockProcess.start(stack, LOGS.resolve(name + "-second.log"))) {
            assertBuiltOnce(stack, second, name, runId);
            return second.call("GET", "/api/v1/runs/" + runId + "/log", null).body();
        }
    }

    /** Registers a task FROM a base with a big layer (so the build takes long enough), runs it, returns once Running. */
    private static long startLongBuild(TestStack stack, DrydockProcess drydock, String name) throws Exception {
        String base = stack.upstreamRegistry().host() + "/bases/heavy-" + name + ":1";
        TestImages.builder().randomLayer(120 * 1024 * 1024).push(base);
        String task = """
                {"name":"%s","source":{"inline":{"files":{"Dockerfile":"FROM %s\\nCOPY a.txt /a.txt\\n","a.txt":"a\\n"}}},
                 "images":["%s"]}""".formatted(name, base, image(stack, name));
        assertThat(drydock.call("POST", "/api/v1/tasks", task).statusCode()).isEqualTo(201);
        long runId = JSON.readTree(drydock.call("POST", "/api/v1/tasks/" + name + "/runs", "{}").body()).get("id").asLong();
        AtomicReference<String> status = new AtomicReference<>("");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            status.set(run(drydock, runId).get("status").asText());
            return status.get().equals("Running") || status.get().equals("Succeeded");
        });
        assertThat(status.get()).as("the build was still going when we looked").isEqualTo("Running");
        return runId;
    }

    /** The run ends Succeeded after a second attempt, the only run of its task, one tag pushed with its digest. */
    private static void assertBuiltOnce(TestStack stack, DrydockProcess drydock, String name, long runId)
            throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> run(drydock, runId).get("finishedAt").isTextual());
        JsonNode run = run(drydock, runId);
        assertThat(run.get("status").asText()).as(drydock.call("GET", "/api/v1/runs/" + runId + "/log", null).body())
                .isEqualTo("Succeeded");
        assertThat(run.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode all = JSON.readTree(drydock.call("GET", "/api/v1/runs?task=" + name, null).body()).get("items");
        assertThat(all).hasSize(1);
        assertThat(JSON.readTree(drydock.call("GET", "/api/v1/runs?task=" + name + "&status=Running", null).body()).get("items")).isEmpty();
        assertThat(JSON.readTree(drydock.call("GET", "/api/v1/runs?task=" + name + "&status=Started", null).body()).get("items")).isEmpty();
        JsonNode tags = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + stack.privateRegistry().host() + "/v2/apps/" + name + "/tags/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(tags.get("tags")).hasSize(1);
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + stack.privateRegistry().host() + "/v2/apps/" + name + "/manifests/latest"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(run.get("outputDigest").asText());
    }

    private static String image(TestStack stack, String name) {
        return stack.privateRegistry().host() + "/apps/" + name + ":latest";
    }

    private static JsonNode run(DrydockProcess drydock, long id) throws Exception {
        return JSON.readTree(drydock.call("GET", "/api/v1/runs/" + id, null).body());
    }
}
