package dev.drydock.rebuild.worker;

import dev.drydock.image.ImageReference;
import dev.drydock.logging.LogText;
import dev.drydock.rebuild.engine.BuildResult;
import dev.drydock.task.TaskService;
import dev.drydock.task.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Records what a build pushed: the run succeeds with its digest (its event in the same transaction), and a git task
 * is analysed again at the commit it built, so the graph follows the build file as it is now.
 */
@ApplicationScoped
class RecordStep {

    private static final Logger LOG = Logger.getLogger(RecordStep.class);

    private final RunClaims claims;
    private final TaskService tasks;

    RecordStep(RunClaims claims, TaskService tasks) {
        this.claims = claims;
        this.tasks = tasks;
    }

    /** @return Succeeded, or Error when the worker no longer held the run */
    RunStatus record(RunContext run, BuildResult result, List<ImageReference> targets, String commit) {
        run.step((result.unchanged() ? "unchanged: the target already holds " : "pushed ") + result.digest()
                + " to " + String.join(", ", result.pushedTags()));
        List<String> pushed = targets.stream().map(ImageReference::toString).toList();
        boolean succeeded = claims.succeed(run.runId(), run.worker(), result.digest(), result.mediaType(),
                result.unchanged(), pushed);
        if (run.spec().source() != null && run.spec().source().git() != null && commit != null) {
            reanalyse(run.task().name, commit);
        }
        return succeeded ? RunStatus.Succeeded : RunStatus.Error;
    }

    private void reanalyse(String task, String commit) {
        try {
            tasks.reanalyse(task, Optional.of(commit));
        } catch (RuntimeException e) {
            LOG.warnf("task %s: re-analysis after the run failed: %s", LogText.escape(task), LogText.escape(e.getMessage()));
        }
    }
}
