package dev.drydock.task.run;

import java.time.Instant;
import java.util.List;

/** Data of {@code dev.drydock.run.<status>} on {@code drydock.run-events} (key: task name). */
public record RunEvent(long runId, String task, RunStatus status, RunTrigger trigger, List<String> images,
        String digest, boolean unchanged, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {}
