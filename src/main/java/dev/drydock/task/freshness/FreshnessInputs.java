package dev.drydock.task.freshness;

import dev.drydock.task.run.RunStatus;
import dev.drydock.watch.BaseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@link Freshness} judges from: plain values read from the tasks, the graph, the watch and the runs. */
public final class FreshnessInputs {

    private FreshnessInputs() {}

    /**
     * A task as freshness sees it. {@code bases}: the references whose new digests rebuild it (its trigger's
     * scope, digest-pinned FROMs left out); {@code outputs}: the literal tags it pushes; {@code images}: how many
     * images it pushes per run.
     */
    public record TaskNode(String name, Instant createdAt, List<String> bases, List<String> outputs, int images,
            Optional<RunSummary> lastSucceeded, Optional<RunSummary> latestFinished, Optional<RunSummary> oldestActive) {}

    /** A tracked base (tag as a whole): its current digest as the watch recorded it, and its last check. */
    public record BaseState(String reference, String digest, BaseStatus status, String lastError, Instant statusSince,
            Instant lastChangedAt) {}

    /** The part of a run freshness needs. */
    public record RunSummary(long id, RunStatus status, Map<String, String> pinned, String error, Instant createdAt,
            Instant finishedAt) {}
}
