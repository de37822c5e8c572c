package dev.drydock.task.run;

import java.util.List;
import java.util.Map;

/**
 * Data of {@code dev.drydock.rebuild.requested} on {@code drydock.rebuild-requests} (key: task name). Workers read
 * the run itself when they build: a queued run can be re-pinned to a newer digest after this was published.
 */
public record RebuildRequested(long runId, String task, RunTrigger trigger, List<Cause> cause, Map<String, String> pinned,
        String commit) {}
