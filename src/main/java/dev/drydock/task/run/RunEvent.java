package dev.drydock.task.run;

import dev.drydock.outbox.Summarized;
import java.time.Instant;
import java.util.List;

/** Data of {@code dev.drydock.run.<status>} on {@code drydock.run-events} (key: task name). */
public record RunEvent(long runId, String task, RunStatus status, RunTrigger trigger, List<String> images,
        String digest, boolean unchanged, String error, Instant createdAt, Instant startedAt, Instant finishedAt)
        implements Summarized {

    /** Started and final statuses; Queued is told by {@link RebuildRequested}, Running by the run's own log. */
    @Override
    public String summary() {
        if (status == RunStatus.Started) {
            return "run " + runId + " of " + task + " started";
        }
        if (!status.isFinal()) {
            return null;
        }
        String took = startedAt == null || finishedAt == null ? ""
                : " after " + java.time.Duration.between(startedAt, finishedAt).toMillis() / 1000.0 + " s";
        String outcome = status == RunStatus.Succeeded
                ? ": " + images + " " + (digest == null ? "" : digest) + (unchanged ? " (unchanged)" : "")
                : (error == null ? "" : ": " + error);
        return "run " + runId + " of " + task + " ended " + status + took + outcome;
    }
}
