package dev.drydock.task.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A run as the API shows it. */
public record RunView(
        long id,
        String task,
        RunTrigger trigger,
        RunStatus status,
        List<Cause> cause,
        Map<String, String> pinned,
        String gitRef,
        String gitCommit,
        Map<String, String> args,
        List<String> outputs,
        String outputDigest,
        boolean unchanged,
        String error,
        int attempt,
        String worker,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
