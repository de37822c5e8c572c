package dev.drydock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.BusyboxImage;
import dev.drydock.testing.DockerCli;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * drydock's own container image ({@code tools/image/build}, docs/image.md) run with {@code docker run} against the
 * test stack: it reports health UP, rebuilds a task when its base moves (a Jib build), and builds a Dockerfile with
 * RUN through the buildah inside it. Skipped where no Docker engine can run. It builds the image first (about 2 min,
 * 5 with a fresh root file system), so it runs only when asked for:
 * {@code ./mvnw -B verify -Dit.test=DrydockImageIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddrydock.test.image-it=true} (with {@code -Ddrydock.test.image=REF} it runs that image instead of building one).
 */
@EnabledIfSystemProperty(named = "drydock.test.image-it", matches = "true")
class DrydockImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = TestStack.workDir().resolve("it-logs");

    @Test
    void shouldReportHealthUpAndRebuildWhenRunFromItsContainerImage() throws Exception {
        DockerCli docker = dockerOrSkip();
        TestStack stack = TestStack.get();
        String image = System.getProperty("drydock.test.image", "");
        if (image.isEmpty()) {
            image = buildImage(stack.upstreamRegistry().host() + "/drydock/drydock:it");
        }
        DockerCli.Result pulled = docker.run("pull", image);
        assertThat(pulled.ok()).as(pulled.output()).isTrue();

        try (DrydockProcess drydock = DrydockProcess.startContainer(docker, image, stack, LOGS.resolve("image.log"))) {
            JsonNode health = JSON.readTree(drydock.call("GET", "/q/health", null).body());
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");

            FanOut fan = FanOut.register(stack, drydock, "image", stack.upstreamRegistry(), stack.privateRegistry(), 1);
            long after = fan.watermark();
            String digest = fan.pushNewDigest();
            Instant since = Instant.now();
            fan.check();
            fan.awaitSettled(after, digest, since, Duration.ofMinutes(3));
            fan.assertConverged(after, digest);

            assertBuildahBuilds(stack, drydock);
        }
    }

    /** A RUN line needs buildah: the task builds inside the container and pushes its image. */
    private static void assertBuildahBuilds(TestStack stack, DrydockProcess drydock) throws Exception {
        String base = stack.upstreamRegistry().host() + "/drydock-image/busybox:1";
        BusyboxImage.push(base);
        String task = """
                {"name":"image-buildah","source":{"inline":{"files":{"Dockerfile":"FROM %s\\nRUN echo built > /built.txt\\n"}}},
                 "images":["%s/apps/image-buildah:latest"]}""".formatted(base, stack.privateRegistry().host());
        assertThat(drydock.call("POST", "/api/v1/tasks", task).statusCode()).isEqualTo(201);
        long runId = JSON.readTree(drydock.call("POST", "/api/v1/tasks/image-buildah/runs", "{}").body()).get("id").asLong();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode run = JSON.readTree(drydock.call("GET", "/api/v1/runs/" + runId, null).body());
        while (!run.path("finishedAt").isTextual() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            run = JSON.readTree(drydock.call("GET", "/api/v1/runs/" + runId, null).body());
        }
        String log = drydock.call("GET", "/api/v1/runs/" + runId + "/log", null).body();
        assertThat(run.path("status").asText()).as(log).isEqualTo("Succeeded");
        // Only buildah runs RUN lines: the image pushed is the one that build made.
        assertThat(Skopeo.digest(stack.privateRegistry().host() + "/apps/image-buildah:latest"))
                .isEqualTo(run.path("outputDigest").asText());
    }

    /** The engine DockerCli starts (installing docker.io as root when missing); skips where it cannot run. */
    private static DockerCli dockerOrSkip() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "building and running drydock's image needs root here (mmdebstrap, buildah, dockerd)");
        try {
            return DockerCli.get();
        } catch (RuntimeException e) {
            Assumptions.abort("no Docker engine can run here: " + e.getMessage());
            throw e;
        }
    }

    /** Runs tools/image/build, pushing the image to {@code reference}; returns the reference. */
    private static String buildImage(String reference) throws IOException, InterruptedException {
        Path log = Files.createDirectories(LOGS).resolve("image-build.log");
        Process build = new ProcessBuilder(List.of("tools/image/build", "--push", reference)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!build.waitFor(20, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("tools/image/build did not finish in 20 minutes; see " + log);
        }
        assertThat(build.exitValue()).as(Files.readString(log)).isZero();
        return reference;
    }
}
