package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildStepTest {

    @Test
    void shouldLabelAGitBuildWithItsRepositoryWithoutCredentialsAndItsCommit() {
        TaskSpec spec = new TaskSpec("app", new TaskSpec.Source(new TaskSpec.Git(
                "https://bot:s3cret@git.example/acme/app.git", "main", "."), null), "Dockerfile", Map.of(),
                List.of("r.example/app:1"), List.of(), null, null, null, null, null, null, null, null);

        Map<String, String> labels = BuildStep.labels(spec, "app", "0123456789abcdef", Instant.EPOCH);

        assertThat(labels).containsEntry("org.opencontainers.image.revision", "0123456789abcdef")
                .containsEntry("org.opencontainers.image.created", "1970-01-01T00:00:00Z");
        assertThat(labels.get("org.opencontainers.image.source")).contains("git.example/acme/app.git")
                .doesNotContain("s3cret");
    }

    @Test
    void shouldLabelAnInlineBuildWithItsTaskAndNoRevision() {
        Map<String, String> labels = BuildStep.labels(StepFixtures.inlineTask("Dockerfile", null), "app", null,
                Instant.EPOCH);

        assertThat(labels).containsEntry("org.opencontainers.image.source", "drydock:task/app")
                .doesNotContainKey("org.opencontainers.image.revision");
    }
}
