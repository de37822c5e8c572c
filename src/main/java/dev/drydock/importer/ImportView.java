package dev.drydock.importer;

import java.time.Instant;
import java.util.List;

/** An import job as the API and the dashboard show it: never its password. */
public record ImportView(long id, ImportStatus status, String source, List<String> targets,
        List<String> untaggedTargetRepositories, List<String> platforms, boolean force, String credentialSet,
        String username, String sourceDigest, String sourceMediaType, String targetDigest, ImportProgress progress,
        RateLimit rateLimit, String error, boolean cancelRequested, int attempt, Instant createdAt, Instant startedAt,
        Instant finishedAt) {

    static ImportView of(ImportJob j) {
        return new ImportView(j.id, j.status, j.source, j.targets, j.untaggedTargets, j.platforms, j.force,
                j.credentialSet, j.username, j.sourceDigest, j.sourceMediaType, j.targetDigest,
                j.progress == null ? ImportProgress.none() : j.progress, j.rateLimit, j.error, j.cancelRequested,
                j.attempt, j.createdAt, j.startedAt, j.finishedAt);
    }
}
