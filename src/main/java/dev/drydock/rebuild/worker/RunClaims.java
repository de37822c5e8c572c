package dev.drydock.rebuild.worker;

import dev.drydock.image.ImageReference;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.task.trigger.TriggerService;
import dev.drydock.watch.BaseRecorder;
import dev.drydock.watch.BaseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's side of a build, each step one transaction with its events: claiming the run under a lease (so two
 * workers never build one run at once), renewing it, and writing the outcome. Every write checks that the lease
 * is still this worker's; a worker that lost it writes nothing.
 */
@ApplicationScoped
public class RunClaims {

    @Inject
    RunService runs;

    @Inject
    RunLog log;

    @Inject
    BaseRecorder bases;

    @Inject
    BaseService watched;

    @Inject
    TriggerService triggers;

    @Inject
    WorkerConfig config;

    /** The outcome of trying to claim a run. */
    public enum ClaimState { CLAIMED, FINISHED, BUSY, MISSING }

    public record Claim(ClaimState state, Instant busyUntil, int attempt) {}

    /** One lease renewal: still ours? asked to cancel? */
    public record Heartbeat(boolean owned, boolean cancelRequested, Instant startedAt) {}

    @Transactional
    public Claim claim(long runId, String worker) {
        Optional<Run> locked = runs.lock(runId);
        if (locked.isEmpty()) {
            return new Claim(ClaimState.MISSING, null, 0);
        }
        Run run = locked.get();
        Instant now = Instant.now();
        if (run.status.isFinal()) {
            return new Claim(ClaimState.FINISHED, null, run.attempt);
        }
        if (run.cancelRequested) {
            run.error = "canceled before it started";
            runs.transition(run, RunStatus.Canceled);
            return new Claim(ClaimState.FINISHED, null, run.attempt);
        }
        boolean leased = run.leaseOwner != null && run.leaseUntil != null && run.leaseUntil.isAfter(now);
        if (leased && !worker.equals(run.leaseOwner)) {
            return new Claim(ClaimState.BUSY, run.leaseUntil, run.attempt);
        }
        // One build of a task at a time, oldest first: a follow-up waits (and keeps coalescing) until it ends.
        boolean otherFirst = Run.<Run>stream("taskId = ?1 and id <> ?2 and (status in ?3 or (status = ?4 and id < ?2))",
                run.taskId, run.id, RunStatus.ACTIVE, RunStatus.Queued)
                .anyMatch(other -> other.status == RunStatus.Queued
                        || (other.leaseUntil != null && other.leaseUntil.isAfter(now)));
        if (otherFirst) {
            return new Claim(ClaimState.BUSY, now.plus(config.heartbeat()), run.attempt);
        }
        pinCurrentDigests(run);
        Optional<Run> built = alreadyBuilt(run);
        if (built.isPresent()) {
            run.error = "run " + built.get().id + " already built the task from these base digests";
            log.append(runId, "superseded: " + run.error);
            runs.transition(run, RunStatus.Superseded);
            return new Claim(ClaimState.FINISHED, null, run.attempt);
        }
        String previousOwner = run.leaseOwner;
        run.leaseOwner = worker;
        run.worker = worker;
        run.leaseUntil = now.plus(config.lease());
        run.attempt++;
        if (run.status == RunStatus.Queued) {
            runs.transition(run, RunStatus.Started);
        } else if (previousOwner != null && !previousOwner.equals(worker)) {
            log.append(runId, "worker " + previousOwner + " stopped renewing its lease; " + worker + " builds the run again");
        }
        return new Claim(ClaimState.CLAIMED, null, run.attempt);
    }

    @Transactional
    public Heartbeat renew(long runId, String worker) {
        Optional<Run> locked = runs.lock(runId);
        if (locked.isEmpty() || !worker.equals(locked.get().leaseOwner) || locked.get().status.isFinal()) {
            return new Heartbeat(false, false, null);
        }
        Run run = locked.get();
        run.leaseUntil = Instant.now().plus(config.lease());
        return new Heartbeat(true, run.cancelRequested, run.startedAt);
    }

    /**
     * The attempt failed but the run will be tried again at {@code resumeAt}: it keeps its status and stays this
     * worker's until a lease after then, so no other worker takes it meanwhile.
     */
    @Transactional
    public boolean holdUntil(long runId, String worker, Instant resumeAt) {
        Optional<Run> run = owned(runId, worker);
        run.ifPresent(r -> r.leaseUntil = resumeAt.plus(config.lease()));
        return run.isPresent();
    }

    /** This worker stops without finishing the run: its lease ends now, for the next worker to take it. */
    @Transactional
    public boolean release(long runId, String worker) {
        Optional<Run> run = owned(runId, worker);
        run.ifPresent(r -> r.leaseUntil = Instant.now());
        return run.isPresent();
    }

    /** The source and base are known: the run is Running, with every base digest it builds with pinned. */
    @Transactional
    public boolean running(long runId, String worker, Map<String, String> resolvedPins, String commit) {
        Optional<Run> run = owned(runId, worker);
        run.ifPresent(r -> {
            runs.addPins(r, resolvedPins);
            if (commit != null) {
                r.gitCommit = commit;
            }
            if (r.status != RunStatus.Running) {
                runs.transition(r, RunStatus.Running);
            }
        });
        return run.isPresent();
    }

    /**
     * The image is pushed: the run Succeeded and, for each pushed tag other tasks build FROM, the base change is
     * announced in the same transaction (the cascade).
     */
    @Transactional
    public boolean succeed(long runId, String worker, String digest, String mediaType, boolean unchanged,
            List<String> pushed) {
        Optional<Run> run = owned(runId, worker);
        run.ifPresent(r -> {
            r.outputDigest = digest;
            r.unchanged = unchanged;
            runs.setOutputs(r, pushed);
            runs.transition(r, RunStatus.Succeeded);
            for (String tag : pushed) {
                bases.recordPush(ImageReference.parse(tag).toString(), digest, mediaType, runId);
            }
            triggers.followUpIfBehind(r);
        });
        return run.isPresent();
    }

    @Transactional
    public boolean end(long runId, String worker, RunStatus status, String error) {
        Optional<Run> run = owned(runId, worker);
        run.ifPresent(r -> {
            r.error = error;
            runs.transition(r, status);
        });
        return run.isPresent();
    }

    /**
     * Events wake, state decides: whatever the trigger pinned, the run builds each tracked base at the digest the
     * watch has recorded now, as it starts.
     */
    private void pinCurrentDigests(Run run) {
        Map<String, String> pinned = runs.pinned(run);
        Map<String, String> current = watched.currentDigests(pinned.keySet());
        current.forEach((reference, digest) -> {
            if (!digest.equals(pinned.get(reference))) {
                log.append(run.id, "base " + reference + " pinned to " + digest + ", the watch's current digest (the trigger pinned "
                        + pinned.get(reference) + ")");
            }
        });
        runs.addPins(run, current);
    }

    /**
     * A base-change run that has not built yet is redundant when the task's last run ended Succeeded with the
     * same digest for every base this run pins: two changes seen while one run was building both led here.
     * Runs someone asked for (manual, commit, timer, with args) always build.
     */
    private Optional<Run> alreadyBuilt(Run run) {
        if (run.trigger != RunTrigger.ImageUpdate || run.attempt > 0 || run.gitCommit != null
                || !runs.args(run).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> pins = runs.pinned(run);
        return Run.latestEndedBefore(run.taskId, run.id)
                .filter(last -> last.status == RunStatus.Succeeded)
                .filter(last -> runs.pinned(last).entrySet().containsAll(pins.entrySet()));
    }

    private Optional<Run> owned(long runId, String worker) {
        return runs.lock(runId).filter(r -> worker.equals(r.leaseOwner) && !r.status.isFinal());
    }
}
