package dev.drydock.rebuild.worker;

import dev.drydock.task.Task;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.run.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run's context for step tests, and the log lines the steps wrote. */
final class StepFixtures {

    final List<String> log = new ArrayList<>();

    static TaskSpec inlineTask(String buildFile, String engine) {
        return new TaskSpec("app", new TaskSpec.Source(null, new TaskSpec.Inline(Map.of())), buildFile, Map.of(),
                List.of("127.0.0.1:5000/team/app:latest"), List.of(), null, null, null, engine, null, null, null, null);
    }

    static TaskSpec rebaseTask(String image, String base) {
        return new TaskSpec("app", null, null, Map.of(), List.of("127.0.0.1:5000/team/app:latest"), List.of(), null,
                null, null, null, null, null, new TaskSpec.Rebase(image, base), null);
    }

    RunContext context(TaskSpec spec, Map<String, String> triggerPins) {
        Run run = new Run();
        run.id = 7L;
        run.createdAt = Instant.parse("2026-12-02T10:15:30Z");
        Task task = new Task();
        task.name = spec.name();
        return new RunContext(7, 1, "worker-1", run, task, spec, spec.args(), triggerPins, Duration.ofMinutes(10),
                log::add);
    }
}
