package dev.drydock.task.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

    public static Optional<Run> queuedFor(long taskId) {
        return find("taskId = ?1 and status = ?2 order by id", taskId, RunStatus.Queued).firstResultOptional();
    }

    public static Optional<Run> byDedupeKey(String key) {
        return find("dedupeKey", key).firstResultOptional();
    }
}
