package dev.drydock.importer;

import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RateLimitStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The job's side of an import, each step one transaction: claiming it under a lease (so two workers never copy one
 * job at once), renewing the lease with the progress, and writing the outcome. Every write checks that the lease is
 * still this worker's; a worker that lost it writes nothing. The same rules as runs' claims.
 */
@ApplicationScoped
public class ImportClaims {

    @Inject
    ImportService imports;

    @Inject
    ImportConfig config;

    public enum ClaimState { CLAIMED, FINISHED, BUSY, MISSING }

    /** The claim, and for a claimed job what the worker needs to run it (the password decrypted). */
    public record Claim(ClaimState state, Instant busyUntil, CopyJob job, String credentialSet, String username,
            String password) {

        static Claim of(ClaimState state) {
            return new Claim(state, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Claim[" + state + ", password=<redacted>]";
        }
    }

    public record Heartbeat(boolean owned, boolean cancelRequested) {}

    @Transactional
    public Claim claim(long id, String worker) {
        Optional<ImportJob> locked = imports.lock(id);
        if (locked.isEmpty()) {
            return Claim.of(ClaimState.MISSING);
        }
        ImportJob job = locked.get();
        Instant now = Instant.now();
        if (job.status.isFinal()) {
            return Claim.of(ClaimState.FINISHED);
        }
        if (job.cancelRequested) {
            finish(job, ImportStatus.Canceled, "canceled before it started");
            return Claim.of(ClaimState.FINISHED);
        }
        if (job.leaseOwner != null && !worker.equals(job.leaseOwner) && job.leaseUntil != null
                && job.leaseUntil.isAfter(now)) {
            return new Claim(ClaimState.BUSY, job.leaseUntil, null, null, null, null);
        }
        job.leaseOwner = worker;
        job.leaseUntil = now.plus(config.lease());
        job.attempt++;
        job.status = ImportStatus.Running;
        if (job.startedAt == null) {
            job.startedAt = now;
        }
        job.updatedAt = now;
        return new Claim(ClaimState.CLAIMED, null, CopyJob.of(job), job.credentialSet, job.username,
                imports.password(job));
    }

    /** Renews the lease and stores the progress; not owned when another worker took the job or it ended. */
    @Transactional
    public Heartbeat renew(long id, String worker, ImportProgress progress) {
        Optional<ImportJob> job = owned(id, worker);
        job.ifPresent(j -> {
            j.leaseUntil = Instant.now().plus(config.lease());
            j.progress = progress;
            j.updatedAt = Instant.now();
        });
        return new Heartbeat(job.isPresent(), job.map(j -> j.cancelRequested).orElse(false));
    }

    @Transactional
    public boolean sourceSeen(long id, String worker, Descriptor source) {
        Optional<ImportJob> job = owned(id, worker);
        job.ifPresent(j -> {
            j.sourceDigest = source.digest().toString();
            j.sourceMediaType = source.mediaType();
        });
        return job.isPresent();
    }

    @Transactional
    public boolean succeed(long id, String worker, String targetDigest, ImportProgress progress,
            Optional<RateLimitStatus> rateLimit) {
        Optional<ImportJob> job = owned(id, worker);
        job.ifPresent(j -> {
            j.targetDigest = targetDigest;
            j.progress = progress;
            rateLimit.ifPresent(r -> j.rateLimit = RateLimit.of(r));
            finish(j, ImportStatus.Succeeded, null);
        });
        return job.isPresent();
    }

    @Transactional
    public boolean end(long id, String worker, ImportStatus status, String error, ImportProgress progress,
            Optional<RateLimitStatus> rateLimit) {
        Optional<ImportJob> job = owned(id, worker);
        job.ifPresent(j -> {
            j.progress = progress;
            rateLimit.ifPresent(r -> j.rateLimit = RateLimit.of(r));
            finish(j, status, error);
        });
        return job.isPresent();
    }

    /** This worker stops without finishing (the service stops): its lease ends now, for another worker. */
    @Transactional
    public boolean release(long id, String worker) {
        Optional<ImportJob> job = owned(id, worker);
        job.ifPresent(j -> j.leaseUntil = Instant.now());
        return job.isPresent();
    }

    private static void finish(ImportJob job, ImportStatus status, String error) {
        job.status = status;
        job.error = error;
        job.finishedAt = Instant.now();
        job.updatedAt = job.finishedAt;
        job.leaseUntil = null;
        // The password is needed no longer: a finished job keeps none, not even encrypted.
        job.passwordEncrypted = null;
    }

    private Optional<ImportJob> owned(long id, String worker) {
        return imports.lock(id).filter(j -> worker.equals(j.leaseOwner) && !j.status.isFinal());
    }
}
