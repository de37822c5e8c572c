package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Imports run by the packaged drydock: one whose process is killed (SIGKILL) in the middle of the copy is finished by
 * a second process (Succeeded, one manifest in the target, the blobs copied before the kill skipped), and a 1 GiB
 * layer goes through while the process's resident memory stays far below a gibibyte.
 */
class ImportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = TestStack.workDir().resolve("it-logs");
    private static final Map<String, String> ONE_BLOB_AT_A_TIME = Map.of("DRYDOCK_IMPORTS_LEASE", "4s",
            "DRYDOCK_IMPORTS_HEARTBEAT", "200ms", "DRYDOCK_IMPORTS_PARALLEL_BLOBS", "1");

    @Test
    void shouldFinishAnImportWhoseProcessWasKilledMidCopyWithOneManifest() throws Exception {
        TestStack stack = TestStack.get();
        String repo = "import-killed/app-" + UUID.randomUUID().toString().substring(0, 8);
        long mib = 1024 * 1024;
        String digest = BigBlobs.pushImage(stack.upstreamRegistry().host(), repo, "1", TestStack.workDir(),
                96 * mib, 96 * mib, 96 * mib, 96 * mib);
        String body = "{\"source\":\"" + stack.upstreamRegistry().host() + "/" + repo + ":1\"}";
        long id;
        DrydockProcess first = DrydockProcess.start(stack, LOGS.resolve("import-killed-first.log"), ONE_BLOB_AT_A_TIME);
        try {
            id = JSON.readTree(first.call("POST", "/api/v1/imports", body).body()).get("id").asLong();
            AtomicReference<JsonNode> seen = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                seen.set(job(first, id));
                return seen.get().at("/progress/blobsDone").asInt() >= 1 || seen.get().get("status").asText().equals("Succeeded");
            });
            assertThat(seen.get().get("status").asText()).as("the copy was still going when we looked").isEqualTo("Running");
            assertThat(seen.get().at("/progress/blobsDone").asInt()).isLessThan(seen.get().at("/progress/blobsTotal").asInt());
        } finally {
            first.kill9();
        }
        try (DrydockProcess second = DrydockProcess.start(stack, LOGS.resolve("import-killed-second.log"), ONE_BLOB_AT_A_TIME)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> job(second, id).get("finishedAt").isTextual());
            JsonNode job = job(second, id);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("Succeeded");
            assertThat(job.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(job.get("targetDigest").asText()).isEqualTo(digest);
            assertThat(job.at("/progress/blobs").findValuesAsText("state")).contains("skipped");
        }
        if (stack.privateRegistry() instanceof LocalRegistry local) {
            Path revisions = local.log().resolveSibling("storage").resolve("docker/registry/v2/repositories/" + repo
                    + "/_manifests/revisions/sha256");
            try (Stream<Path> manifests = Files.list(revisions)) {
                assertThat(manifests.map(p -> "sha256:" + p.getFileName())).containsExactly(digest);
            }
        }
    }

    @Test
    void shouldImportAOneGibibyteLayerWithTheProcessFarBelowAGibibyte() throws Exception {
        TestStack stack = TestStack.get();
        String repo = "import-big/app-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = BigBlobs.pushImage(stack.upstreamRegistry().host(), repo, "1", TestStack.workDir(),
                1024L * 1024 * 1024);
        try (DrydockProcess drydock = DrydockProcess.start(stack, LOGS.resolve("import-big.log"))) {
            long id = JSON.readTree(drydock.call("POST", "/api/v1/imports",
                    "{\"source\":\"" + stack.upstreamRegistry().host() + "/" + repo + ":1\"}").body()).get("id").asLong();
            AtomicLong peak = new AtomicLong();
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(100)).until(() -> {
                peak.set(Math.max(peak.get(), residentKib(drydock.pid(), "VmRSS")));
                return job(drydock, id).get("finishedAt").isTextual();
            });
            JsonNode job = job(drydock, id);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("Succeeded");
            assertThat(job.get("targetDigest").asText()).isEqualTo(digest);
            assertThat(job.at("/progress/bytesDone").asLong()).isGreaterThan(1024L * 1024 * 1024);
            long hwm = residentKib(drydock.pid(), "VmHWM");
            System.out.printf("1 GiB import: peak RSS %d MiB (VmHWM), sampled max %d MiB, heap limit -Xmx512m%n",
                    hwm / 1024, peak.get() / 1024);
            assertThat(hwm).as("peak resident set, KiB").isLessThan(700 * 1024);
        }
    }

    private static long residentKib(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for " + pid);
    }

    private static JsonNode job(DrydockProcess drydock, long id) throws Exception {
        return JSON.readTree(drydock.call("GET", "/api/v1/imports/" + id, null).body());
    }
}
