package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.ImageReference;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.run.Run;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static TaskSpec withImages(String... images) {
        return new TaskSpec("app", null, "Dockerfile", Map.of(), List.of(images), List.of(), null, null, null, null,
                null, null, null, null);
    }

    private static Run run() {
        Run run = new Run();
        run.id = 42L;
        run.createdAt = Instant.parse("2026-12-02T23:59:59Z");
        return run;
    }

    @Test
    void shouldFillEveryTemplateFromTheRunAndTheCommit() {
        List<ImageReference> targets = Targets.of(withImages("r.example/app:{{ git.short }}-{{run.id}}",
                "r.example/app:{{git.commit}}", "r.example/app:{{date}}"), run(),
                "0123456789abcdef0123456789abcdef01234567");

        assertThat(targets).extracting(ImageReference::tag).containsExactly(
                Optional.of("0123456-run-42"),
                Optional.of("0123456789abcdef0123456789abcdef01234567"),
                Optional.of("20261202"));
    }

    @Test
    void shouldWriteInlineForTheGitTemplatesOfAnInlineSource() {
        assertThat(Targets.of(withImages("r.example/app:{{git.short}}"), run(), null))
                .extracting(ImageReference::tag).containsExactly(Optional.of("inline"));
    }

    @Test
    void shouldLeaveAFixedTagAsWritten() {
        assertThat(Targets.of(withImages("r.example/team/app:latest"), run(), "abc1234def"))
                .containsExactly(ImageReference.parse("r.example/team/app:latest"));
    }
}
