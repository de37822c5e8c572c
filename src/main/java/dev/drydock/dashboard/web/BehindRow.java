package dev.drydock.dashboard.web;

import dev.drydock.task.freshness.TaskFreshness;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;

/** A task that is behind, as the pending page shows it: why in words, since when, and the bases it lags on. */
@TemplateData
public record BehindRow(String task, String reason, String reasonLabel, String detail, Times since, Long runId,
        List<String> bases) {

    static BehindRow of(TaskFreshness f, Instant now) {
        return new BehindRow(f.task(), f.reason().wire(), label(f), f.detail(), Times.of(f.since(), now), f.runId(),
                f.bases().stream().map(TaskFreshness.BehindBase::reference).toList());
    }

    private static String label(TaskFreshness f) {
        return switch (f.reason()) {
            case BASE_UNREACHABLE -> "Base unreachable";
            case BUILDING -> "Building";
            case QUEUED -> "Queued";
            case RUN_FAILED -> "Run failed";
            case UPSTREAM_BEHIND -> "Upstream behind";
            case NEVER_BUILT -> "Never built";
            case OUTDATED -> "Outdated";
        };
    }
}
