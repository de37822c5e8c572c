package dev.drydock.task.freshness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Whether a task's images are built from the current digest of every base they depend on, transitively. When
 * not: the {@code reason} (see {@link Reason}), {@code since} when (the first moment it was behind, as far as
 * drydock can tell), a {@code detail} in words, the run the reason is about, and the bases that are behind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskFreshness(String task, boolean upToDate, Reason reason, Instant since, String detail, Long runId,
        int images, List<BehindBase> bases) {

    /**
     * One base the task is behind on: its current digest (null when unknown), the digest the task's last
     * successful run built from (null when none), the base's check status, and the upstream task that pushes it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BehindBase(String reference, String currentDigest, String builtDigest, String status, String error,
            String upstreamTask) {}

    static TaskFreshness upToDate(String task, int images) {
        return new TaskFreshness(task, true, null, null, null, null, images, List.of());
    }
}
