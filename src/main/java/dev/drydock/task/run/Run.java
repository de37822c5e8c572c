package dev.drydock.task.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/** One execution of a task. Causes, pins, args and outputs are JSON columns. */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id", nullable = false)
    public Long taskId;

    @Column(name = "task_name", nullable = false)
    public String taskName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunTrigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    /** JSON list of {@link Cause}. */
    @Column(nullable = false)
    public String cause = "[]";

    /** JSON map: base reference → digest the build must use. */
    @Column(nullable = false)
    public String pinned = "{}";

    @Column(name = "git_ref")
    public String gitRef;

    @Column(name = "git_commit")
    public String gitCommit;

    /** JSON map of build-argument overrides. */
    @Column(nullable = false)
    public String args = "{}";

    /** JSON list of the tags pushed. */
    @Column(nullable = false)
    public String outputs = "[]";

    @Column(name = "output_digest")
    public String outputDigest;

    @Column(nullable = false)
    public boolean unchanged;

    public String error;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The worker that took the run last; unlike the lease owner, kept once the run ended. */
    public String worker;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "dedupe_key")
    public String dedupeKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Optimistic lock: a write from a stale copy of the run (another process changed it since) fails. */
    @Version
    @Column(nullable = false)
    public long version;

    /**
     * The task's oldest Queued run, row-locked. A worker's claim of it either committed before (then the run is no
     * longer Queued and is not returned) or waits for the caller's transaction.
     */
    public static Optional<Run> lockQueuedFor(long taskId) {
        return find("taskId = ?1 and status = ?2 order by id", taskId, RunStatus.Queued)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Whether the task has a run other than {@code runId} that is Queued, Started or Running. */
    public static boolean otherActive(long taskId, long runId) {
        return count("taskId = ?1 and id <> ?2 and status in ?3", taskId, runId,
                java.util.List.of(RunStatus.Queued, RunStatus.Started, RunStatus.Running)) > 0;
    }

    /** The task's newest run with an id below {@code runId} that has ended, other than superseded ones. */
    public static Optional<Run> latestEndedBefore(long taskId, long runId) {
        return find("taskId = ?1 and id < ?2 and status in ?3 order by id desc", taskId, runId,
                java.util.List.of(RunStatus.Succeeded, RunStatus.Failed, RunStatus.Canceled, RunStatus.Error,
                        RunStatus.Timeout)).firstResultOptional();
    }

    /** The task's newest run that is Started, Running or Succeeded: what it is or was last built from. */
    public static Optional<Run> latestBuildingOrBuilt(long taskId) {
        return find("taskId = ?1 and status in ?2 order by id desc", taskId,
                java.util.List.of(RunStatus.Started, RunStatus.Running, RunStatus.Succeeded)).firstResultOptional();
    }

    public static Optional<Run> byDedupeKey(String key) {
        return find("dedupeKey", key).firstResultOptional();
    }
}
