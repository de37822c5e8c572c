package dev.drydock.rebuild.worker;

import dev.drydock.rebuild.engine.BuildLog;
import dev.drydock.task.Task;
import dev.drydock.task.TaskSpec;
import dev.drydock.task.run.Run;
import java.time.Duration;
import java.util.Map;

/**
 * What every step of one attempt at a run reads.
 *
 * @param args the task's build arguments overlaid with the run's own
 * @param triggerPins image reference → the digest the trigger pinned (a base change pins the changed digest)
 * @param log the run's log, one line per step
 */
record RunContext(long runId, int attempt, String worker, Run run, Task task, TaskSpec spec, Map<String, String> args,
        Map<String, String> triggerPins, Duration timeout, BuildLog log) {

    RunContext {
        args = Map.copyOf(args);
        triggerPins = Map.copyOf(triggerPins);
    }

    void step(String message) {
        log.step(message);
    }
}
