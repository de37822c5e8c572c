package dev.drydock.task.run;

import dev.drydock.outbox.Summarized;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Data of {@code dev.drydock.rebuild.requested} on {@code drydock.rebuild-requests} (key: task name). Workers read
 * the run itself when they build: a queued run can be re-pinned to a newer digest after this was published.
 */
public record RebuildRequested(long runId, String task, RunTrigger trigger, List<Cause> cause, Map<String, String> pinned,
        String commit) implements Summarized {

    /** e.g. "run 12 of shop-api created (ImageUpdate: base … changed sha256:… → sha256:… (poll)); pinned {…}". */
    @Override
    public String summary() {
        return "run " + runId + " of " + task + " created (" + trigger + ": "
                + cause.stream().map(Cause::inWords).collect(Collectors.joining("; ")) + ")"
                + (pinned.isEmpty() ? "" : "; pinned " + pinned) + (commit == null ? "" : "; commit " + commit);
    }
}
