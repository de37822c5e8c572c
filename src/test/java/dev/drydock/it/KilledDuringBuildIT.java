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
 * The packaged drydock is killed with SIGKILL in the middle of a build; a new process finishes the run: Succeeded,
 * one image for it, nothing left Running.
 */
class KilledDuringBuildIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFinishARunWhoseProcessWasKilledMidBuildExactlyOnce() throws Exception {
        TestStack stack = TestStack.get();
        Path logs = TestStack.workDir().resolve("it-logs");
        // A big base layer crosses from the upstream to the private registry: the build takes long enough to kill.
        String base = stack.upstreamRegistry().host() + "/bases/heavy:1";
        TestImages.builder().randomLayer(120 * 1024 * 1024).push(base);
        String image = stack.privateRegistry().host() + "/apps/survivor:latest";
        String task = """
                {"name":"survivor","source":{"inline":{"files":{"Dockerfile":"FROM %s\\nCOPY a.txt /a.txt\\n","a.txt":"a\\n"}}},
                 "images":["%s"]}""".formatted(base, image);

        long runId;
        DrydockProcess first = DrydockProcess.start(stack, logs.resolve("first.log"));
        try {
            assertThat(first.call("POST", "/api/v1/tasks", task).statusCode()).isEqualTo(201);
            runId = JSON.readTree(first.call("POST", "/api/v1/tasks/survivor/runs", "{}").body()).get("id").asLong();
            AtomicReference<String> status = new AtomicReference<>("");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                status.set(run(first, runId).get("status").asText());
                return status.get().equals("Running") || status.get().equals("Succeeded");
            });
            assertThat(status.get()).as("the build was still going when we looked").isEqualTo("Running");
        } finally {
            first.kill9();
        }

        try (DrydockProcess second = DrydockProcess.start(stack, logs.resolve("second.log"))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run(second, runId).get("finishedAt").isTextual());
            JsonNode run = run(second, runId);
            assertThat(run.get("status").asText()).as(second.call("GET", "/api/v1/runs/" + runId + "/log", null).body())
                    .isEqualTo("Succeeded");
            assertThat(run.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
            JsonNode all = JSON.readTree(second.call("GET", "/api/v1/runs?task=survivor", null).body());
            assertThat(all).hasSize(1);
            assertThat(JSON.readTree(second.call("GET", "/api/v1/runs?status=Running", null).body())).isEmpty();
            assertThat(JSON.readTree(second.call("GET", "/api/v1/runs?status=Started", null).body())).isEmpty();
            JsonNode tags = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + stack.privateRegistry().host() + "/v2/apps/survivor/tags/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(tags.get("tags")).hasSize(1);
            HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + stack.privateRegistry().host() + "/v2/apps/survivor/manifests/latest"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json")
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(run.get("outputDigest").asText());
        }
    }

    private static JsonNode run(DrydockProcess drydock, long id) throws Exception {
        return JSON.readTree(drydock.call("GET", "/api/v1/runs/" + id, null).body());
    }
}
