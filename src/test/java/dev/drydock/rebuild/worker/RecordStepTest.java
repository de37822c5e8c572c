package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.rebuild.engine.BuildResult;
import dev.drydock.image.ImageReference;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.TaskView;
import dev.drydock.task.run.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordStepTest {

    private static final String DIGEST = "sha256:" + "b".repeat(64);
    private static final List<ImageReference> TARGETS = List.of(ImageReference.parse("127.0.0.1:5000/team/app:latest"));

    private final StepFixtures fixtures = new StepFixtures();
    private final List<List<String>> succeeded = new ArrayList<>();
    private final List<String> reanalysed = new ArrayList<>();
    private boolean owned = true;

    private final RunClaims claims = new RunClaims() {
        @Override
        public boolean succeed(long runId, String worker, String digest, String mediaType, boolean unchanged,
                List<String> pushed) {
            succeeded.add(pushed);
            return owned;
        }
    };

    private final TaskService tasks = new TaskService() {
        @Override
        public TaskView reanalyse(String name, Optional<String> commit) {
            reanalysed.add(name + "@" + commit.orElseThrow());
            throw new IllegalStateException("the repository went away");
        }
    };

    private static BuildResult result(boolean unchanged) {
        return new BuildResult(DIGEST, "application/vnd.oci.image.manifest.v1+json", List.of(TARGETS.get(0).toString()),
                unchanged, Map.of());
    }

    private static TaskSpec gitTask() {
        return new TaskSpec("app", new TaskSpec.Source(new TaskSpec.Git("https://git.example/app.git", "main", "."),
                null), "Dockerfile", Map.of(), List.of(TARGETS.get(0).toString()), List.of(), null, null, null, null,
                null, null, null, null);
    }

    @Test
    void shouldSucceedWithWhatWasPushedAndAnalyseAGitTaskAgainAtItsCommitEvenWhenThatFails() {
        RunStatus status = new RecordStep(claims, tasks).record(fixtures.context(gitTask(), Map.of()), result(false),
                TARGETS, "0123456789abcdef");

        assertThat(status).isEqualTo(RunStatus.Succeeded);
        assertThat(succeeded).containsExactly(List.of("127.0.0.1:5000/team/app:latest"));
        assertThat(reanalysed).containsExactly("app@0123456789abcdef");
        assertThat(fixtures.log).containsExactly("pushed " + DIGEST + " to 127.0.0.1:5000/team/app:latest");
    }

    @Test
    void shouldNotAnalyseAnInlineTaskAgainAndSayWhenTheTargetAlreadyHeldTheImage() {
        RunStatus status = new RecordStep(claims, tasks).record(
                fixtures.context(StepFixtures.inlineTask("Dockerfile", null), Map.of()), result(true), TARGETS, null);

        assertThat(status).isEqualTo(RunStatus.Succeeded);
        assertThat(reanalysed).isEmpty();
        assertThat(fixtures.log).singleElement().asString().startsWith("unchanged: the target already holds " + DIGEST);
    }

    @Test
    void shouldEndAsErrorWhenTheWorkerNoLongerHeldTheRun() {
        owned = false;

        assertThat(new RecordStep(claims, tasks).record(fixtures.context(StepFixtures.inlineTask("Dockerfile", null),
                Map.of()), result(false), TARGETS, null)).isEqualTo(RunStatus.Error);
    }
}
